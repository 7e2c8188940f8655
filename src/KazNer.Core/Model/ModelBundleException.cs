namespace KazNer.Core.Model;

/// <summary>A model folder that cannot be used; the message names the file and what is wrong with it.</summary>
public sealed class ModelBundleException(string message, Exception? inner = null) : Exception(message, inner);
