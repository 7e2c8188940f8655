using KazNer.Core;
using KazNer.Core.Inference;

namespace KazNer.Stream.Tests.Support;

/// <summary>The real engine on the shipped model bundle, loaded once for the whole suite.</summary>
internal static class TestEngine
{
    private static readonly Lazy<NerEngine> Shared = new(() => NerEngine.Load(new NerEngineOptions { Path = "models/kazner-base", Device = Device.Cpu, IntraOpThreads = 1 }));

    public static INerEngine Instance => Shared.Value;
}
