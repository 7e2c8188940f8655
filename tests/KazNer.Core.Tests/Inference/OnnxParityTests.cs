using System.Text.Json;
using System.Text.Json.Serialization;
using KazNer.Core.Inference;
using KazNer.Core.Model;
using Microsoft.Extensions.Logging.Abstractions;

namespace KazNer.Core.Tests.Inference;

public sealed class OnnxParityTests
{
    private sealed record Fixture(
        [property: JsonPropertyName("input_ids")] long[][] InputIds,
        [property: JsonPropertyName("attention_mask")] long[][] AttentionMask,
        [property: JsonPropertyName("logits")] double[][][] Logits);

    [Fact]
    public void Run_FixedBatchFromPyTorch_LogitsAgreeWithin1e4()
    {
        // Written by training/kazner_train/export.py --fixture from the PyTorch model that was exported.
        var fixture = JsonSerializer.Deserialize<Fixture>(File.ReadAllText(RepoPaths.Fixture("parity.json")))!;
        var bundle = ModelBundle.Load(RepoPaths.DefaultModel);
        using var classifier = OnnxTokenClassifier.Load(bundle, new NerEngineOptions { Device = Device.Cpu }, NullLogger.Instance);
        var batch = fixture.InputIds
            .Select((ids, r) => ids.Take((int)fixture.AttentionMask[r].Sum()).Select(i => (int)i).ToArray())
            .Select(ids => new EncodedSequence(0, 0, ids, [1]))
            .ToList();

        classifier.Run(batch, CancellationToken.None);

        var worst = 0.0;
        for (var r = 0; r < batch.Count; r++)
        {
            var labels = fixture.Logits[r][0].Length;
            for (var t = 0; t < batch[r].Length; t++)
            {
                for (var l = 0; l < labels; l++)
                {
                    worst = Math.Max(worst, Math.Abs(fixture.Logits[r][t][l] - batch[r].Logits![(t * labels) + l]));
                }
            }
        }

        Assert.True(worst < 1e-4, $"largest difference {worst}");
    }
}
