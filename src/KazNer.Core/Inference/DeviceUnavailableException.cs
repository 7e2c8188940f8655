namespace KazNer.Core.Inference;

/// <summary>The device asked for cannot run the model; the message says why in one line.</summary>
public sealed class DeviceUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
