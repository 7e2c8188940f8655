namespace KazNer.Core.Tests;

/// <summary>One engine on the shipped model for the whole test run: loading it is the slow part.</summary>
internal static class SharedEngine
{
    private static readonly Lazy<NerEngine> Engine = new(() =>
        NerEngine.Load(new NerEngineOptions { Path = RepoPaths.DefaultModel, Device = Core.Inference.Device.Cpu }));

    public static NerEngine Instance => Engine.Value;
}
