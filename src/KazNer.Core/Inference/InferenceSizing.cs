namespace KazNer.Core.Inference;

/// <summary>Which limit decided the number of concurrent runs.</summary>
public enum SizingBound
{
    /// <summary><see cref="NerEngineOptions.ConcurrentRuns"/> was set.</summary>
    Configured,

    /// <summary>One run per CPU the process may use.</summary>
    Cpu,

    /// <summary>As many runs as the memory budget holds, fewer than the CPUs.</summary>
    Memory,

    /// <summary>CUDA's default of two runs (one batch is copied while the other computes).</summary>
    Cuda,
}

/// <summary>
/// How many batches run at once on the one session and with how many intra-op threads each, from what the pod may
/// use: <c>Environment.ProcessorCount</c> honours a cgroup CPU limit, and the memory limit is what .NET reports
/// available (<c>GC.GetGCMemoryInfo().TotalAvailableMemoryBytes</c>: 75 % of a container's limit by default).
/// </summary>
public sealed record InferenceSizing(
    int ConcurrentRuns, int ThreadsPerRun, int CpuCount, long MemoryLimitBytes, long PerRunBytes, int RunsMemoryHolds, SizingBound Bound)
{
    /// <summary>
    /// Process memory one run of a batch takes per padded token, kazner-base rounded up: 4 concurrent runs against 1
    /// (peak working set, one thread each) took 35 KiB per token at 2,025-8,100 tokens a batch and 44 KiB at 16,335.
    /// </summary>
    public const long BytesPerBatchToken = 48 * 1024;

    /// <summary>Beside the model's weights: the runtime, the model loaded and idle (138 MiB with kazner-base), documents in flight.</summary>
    public const long ReservedBytes = 256L * 1024 * 1024;

    /// <summary>The memory one run of a batch of <paramref name="maxBatchTokens"/> padded tokens is expected to take.</summary>
    public static long PerRunEstimate(int maxBatchTokens) => maxBatchTokens * BytesPerBatchToken;

    /// <summary>
    /// On the CPU: the configured count, else one run per CPU unless the memory left after the weights and
    /// <see cref="ReservedBytes"/> holds fewer runs (never fewer than one); threads split the CPUs among the runs.
    /// </summary>
    public static InferenceSizing ForCpu(
        int configuredRuns, int configuredThreads, int cpuCount, long memoryLimitBytes, long modelBytes, long perRunBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cpuCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perRunBytes, 1);
        var memoryHolds = (int)Math.Clamp((memoryLimitBytes - modelBytes - ReservedBytes) / perRunBytes, 1, int.MaxValue);
        var (runs, bound) = configuredRuns > 0 ? (configuredRuns, SizingBound.Configured)
            : memoryHolds < cpuCount ? (memoryHolds, SizingBound.Memory)
            : (cpuCount, SizingBound.Cpu);
        var threads = configuredThreads > 0 ? configuredThreads : Math.Max(1, cpuCount / runs);
        return new InferenceSizing(runs, threads, cpuCount, memoryLimitBytes, perRunBytes, memoryHolds, bound);
    }

    /// <summary>On CUDA the batches' memory is the GPU's: the configured count, else two; threads 0 = ONNX Runtime's default.</summary>
    public static InferenceSizing ForCuda(int configuredRuns, int configuredThreads, int cpuCount, long memoryLimitBytes, long perRunBytes) =>
        new(configuredRuns > 0 ? configuredRuns : 2, configuredThreads, cpuCount, memoryLimitBytes, perRunBytes, 0,
            configuredRuns > 0 ? SizingBound.Configured : SizingBound.Cuda);
}
