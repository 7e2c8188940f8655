using System.CommandLine;
using System.Globalization;
using KazNer.Core;
using KazNer.Core.Inference;

namespace KazNer.Stream.Cli;

/// <summary>The options every command shares for choosing and running a model bundle.</summary>
internal sealed class ModelArguments
{
    public ModelArguments()
    {
        Threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 0 or > MaxThreads)
            {
                result.AddError($"--threads must be 0 (one per physical core) or 1..{MaxThreads}, not {result.GetValueOrDefault<int>()}");
            }
        });
    }

    /// <summary>The same bound as <see cref="NerEngineOptions.IntraOpThreads"/>.</summary>
    private const int MaxThreads = 1024;

    public Option<string?> Model { get; } = new("--model", "-m")
    {
        Description = "Model bundle folder (model.onnx, config.json, sentencepiece.bpe.model); default: the embedded kazner-base",
    };

    public Option<Device?> Device { get; } = new("--device")
    {
        Description = "Where the model runs: Auto (CUDA when there is one, else the CPU), Cpu or Cuda; default Auto",
    };

    public Option<int?> Threads { get; } = new("--threads")
    {
        Description = $"ONNX Runtime intra-op threads per run: 0 = processors / concurrent runs (default), at most {MaxThreads}",
    };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Add(Model);
        command.Add(Device);
        command.Add(Threads);
    }

    public NerEngineOptions ToOptions(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var options = new NerEngineOptions
        {
            Device = result.GetValue(Device) ?? Core.Inference.Device.Auto,
            IntraOpThreads = result.GetValue(Threads) ?? 0,
        };
        if (result.GetValue(Model) is { } path)
        {
            options.Path = path;
        }

        return options;
    }

    /// <summary>The options as the worker's <c>Model:</c> settings, for the ones given on the command line.</summary>
    public IEnumerable<string> ToSettings(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.GetValue(Model) is { } path)
        {
            yield return $"--{NerEngineOptions.SectionName}:{nameof(NerEngineOptions.Path)}={path}";
        }

        if (result.GetValue(Device) is { } device)
        {
            yield return $"--{NerEngineOptions.SectionName}:{nameof(NerEngineOptions.Device)}={device}";
        }

        if (result.GetValue(Threads) is { } threads)
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"--{NerEngineOptions.SectionName}:{nameof(NerEngineOptions.IntraOpThreads)}={threads}");
        }
    }
}
