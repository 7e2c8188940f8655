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

    /// <summary>ONNX Runtime intra-op threads; 0 leaves ONNX Runtime's default (one per physical core).</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>Padded tokens per batch when the engine batches by itself (<see cref="INerEngine.Annotate"/>).</summary>
    [Range(16, 1 << 20)]
    public int MaxBatchTokens { get; set; } = 8192;

    [Range(1, 4096)]
    public int MaxBatchSequences { get; set; } = 64;

    /// <summary>Entities whose score (the probability of exactly that entity) is below this are left out; 0 keeps all.</summary>
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
