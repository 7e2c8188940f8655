using System.ComponentModel.DataAnnotations;
using KazNer.Core.Inference;

namespace KazNer.Core;

/// <summary>Configuration section "Model".</summary>
public sealed class NerEngineOptions
{
    public const string SectionName = "Model";

    /// <summary>The model bundle folder; a relative path is looked up from the working directory, then beside the executable.</summary>
    [Required(AllowEmptyStrings = false)]
    public string Path { get; set; } = "models/kazner-base";

    public Device Device { get; set; } = Device.Auto;

    /// <summary>
    /// ONNX Runtime intra-op threads per model run; 0 picks the processor count divided by
    /// <see cref="ConcurrentRuns"/>, so concurrent runs do not fight over the same cores.
    /// </summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>
    /// Batches run on the one session at the same time; 0 picks one per processor on the CPU (a BiLSTM's time
    /// steps are sequential, so one run keeps about one core busy whatever its thread count) and 2 on CUDA
    /// (one batch is copied while the other computes).
    /// </summary>
    [Range(0, 64)]
    public int ConcurrentRuns { get; set; }

    /// <summary>
    /// Above 0, ONNX Runtime's parallel executor with this many inter-op threads, which can run independent
    /// branches of the graph (a BiLSTM's two directions) side by side; 0 keeps the sequential executor.
    /// </summary>
    [Range(0, 64)]
    public int InterOpThreads { get; set; }

    /// <summary>Padded tokens per batch when the engine batches by itself (<see cref="INerEngine.Annotate"/>).</summary>
    [Range(16, 1 << 20)]
    public int MaxBatchTokens { get; set; } = 8192;

    [Range(1, 4096)]
    public int MaxBatchSequences { get; set; } = 64;

    /// <summary>Share of a batch's padded tokens that may be padding; 1 = no cap.</summary>
    [Range(0.0, 1.0)]
    public double MaxBatchPadding { get; set; } = 0.10;

    /// <summary>Entities whose score (the CRF posterior probability of exactly that entity, docs/output.md) is below this are left out; 0 keeps all.</summary>
    [Range(0.0, 1.0)]
    public double MinScore { get; set; }

    public string ResolvePath()
    {
        if (System.IO.Path.IsPathRooted(Path) || Directory.Exists(Path))
        {
            return System.IO.Path.GetFullPath(Path);
        }

        return System.IO.Path.Combine(AppContext.BaseDirectory, Path);
    }
}
