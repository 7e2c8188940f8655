namespace KazNer.Core.Inference;

/// <summary>Where the model runs: Auto tries CUDA and falls back to the CPU.</summary>
public enum Device
{
    Auto,
    Cpu,
    Cuda,
}
