using System.CommandLine;
using KazNer.Core;
using KazNer.Core.Inference;

namespace KazNer.Stream.Cli;

/// <summary>The options every offline command shares for choosing and running a model bundle.</summary>
internal sealed class ModelArguments
{
    public Option<string?> Model { get; } = new("--model", "-m")
    {
        Description = "Model bundle folder (model.onnx, config.json, sentencepiece.bpe.model); default: the embedded kazner-base",
    };

    public Option<Device> Device { get; } = new("--device")
    {
        Description = "Where the model runs: Auto tries CUDA, then the CPU",
        DefaultValueFactory = _ => Core.Inference.Device.Auto,
    };

    public Option<int> Threads { get; } = new("--threads")
    {
        Description = "ONNX Runtime intra-op threads per run (0 = processors / concurrent runs)",
    };

    public void AddTo(Command command)
    {
        command.Add(Model);
        command.Add(Device);
        command.Add(Threads);
    }

    public NerEngineOptions ToOptions(ParseResult result)
    {
        var options = new NerEngineOptions { Device = result.GetValue(Device), IntraOpThreads = result.GetValue(Threads) };
        if (result.GetValue(Model) is { } path)
        {
            options.Path = path;
        }

        return options;
    }
}
