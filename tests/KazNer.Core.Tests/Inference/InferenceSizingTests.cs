using KazNer.Core.Inference;

namespace KazNer.Core.Tests.Inference;

public sealed class InferenceSizingTests
{
    private const long MiB = 1024 * 1024;
    private const long ModelBytes = 20 * MiB;
    private static readonly long PerRun = InferenceSizing.PerRunEstimate(8192);

    [Fact]
    public void PerRunEstimate_IsTheBatchTokensTimesTheMeasuredBytesPerToken()
    {
        Assert.Equal(384 * MiB, PerRun);
    }

    [Fact]
    public void ManyCpusSmallMemory_MemoryBoundWins_AndTheThreadsShareTheCpus()
    {
        // A 2 GiB pod on a 64-core node without a CPU limit: .NET gives the heap 75 % of the limit.
        var sizing = InferenceSizing.ForCpu(0, 0, cpuCount: 64, memoryLimitBytes: 1536 * MiB, ModelBytes, PerRun);

        // (1536 - 20 - 256) MiB hold 3 runs of 384 MiB.
        Assert.Equal((3, 21, SizingBound.Memory), (sizing.ConcurrentRuns, sizing.ThreadsPerRun, sizing.Bound));
    }

    [Fact]
    public void FewCpusLargeMemory_OneRunPerCpu_OneThreadEach()
    {
        var sizing = InferenceSizing.ForCpu(0, 0, cpuCount: 4, memoryLimitBytes: 16_384 * MiB, ModelBytes, PerRun);

        Assert.Equal((4, 1, SizingBound.Cpu), (sizing.ConcurrentRuns, sizing.ThreadsPerRun, sizing.Bound));
        Assert.Equal(41, sizing.RunsMemoryHolds);
    }

    [Fact]
    public void MemoryBelowOneRun_StillOneRun()
    {
        var sizing = InferenceSizing.ForCpu(0, 0, cpuCount: 8, memoryLimitBytes: 200 * MiB, ModelBytes, PerRun);

        Assert.Equal((1, 8, SizingBound.Memory), (sizing.ConcurrentRuns, sizing.ThreadsPerRun, sizing.Bound));
    }

    [Fact]
    public void ConfiguredRunsAndThreads_AreKept_WhateverTheLimits()
    {
        var sizing = InferenceSizing.ForCpu(configuredRuns: 6, configuredThreads: 3, cpuCount: 2, memoryLimitBytes: 512 * MiB, ModelBytes, PerRun);

        Assert.Equal((6, 3, SizingBound.Configured), (sizing.ConcurrentRuns, sizing.ThreadsPerRun, sizing.Bound));
        Assert.Equal(1, sizing.RunsMemoryHolds);
    }

    [Fact]
    public void ConfiguredRunsOnly_ThreadsSplitTheCpusAmongThem()
    {
        var sizing = InferenceSizing.ForCpu(configuredRuns: 4, configuredThreads: 0, cpuCount: 16, memoryLimitBytes: 64_000 * MiB, ModelBytes, PerRun);

        Assert.Equal(4, sizing.ThreadsPerRun);
    }

    [Fact]
    public void Cuda_TwoRunsUnlessConfigured()
    {
        var byDefault = InferenceSizing.ForCuda(0, 0, 8, 1536 * MiB, PerRun);
        var configured = InferenceSizing.ForCuda(4, 0, 8, 1536 * MiB, PerRun);

        Assert.Equal((2, SizingBound.Cuda), (byDefault.ConcurrentRuns, byDefault.Bound));
        Assert.Equal((4, SizingBound.Configured), (configured.ConcurrentRuns, configured.Bound));
    }
}
