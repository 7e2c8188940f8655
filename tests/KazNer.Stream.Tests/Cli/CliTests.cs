using System.Text.Json;

namespace KazNer.Stream.Tests.Cli;

public sealed class CliTests
{
    private const string News = "Президент Қасым-Жомарт Тоқаев 2024 жылғы 12 наурызда Астанада сөз сөйледі. Жиынға 300 адам қатысты.";

    [Fact]
    public async Task Annotate_TextArgument_OneJsonRecordWhoseOffsetsPointIntoTheText()
    {
        var result = await KaznerProcess.RunAsync(null, "annotate", "--device", "Cpu", News);

        Assert.Equal(0, result.ExitCode);
        var line = Assert.Single(result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        using var record = JsonDocument.Parse(line);
        Assert.Equal(2, record.RootElement.GetProperty("sentences").GetArrayLength());
        foreach (var entity in record.RootElement.GetProperty("entities").EnumerateArray())
        {
            var start = entity.GetProperty("start").GetInt32();
            var end = entity.GetProperty("end").GetInt32();
            Assert.Equal(News[start..end], entity.GetProperty("text").GetString());
        }
    }

    [Fact]
    public async Task Annotate_JsonLinesOnStdin_RecordPerDocumentKeepingIds()
    {
        var input = "{\"id\":\"a\",\"text\":\"Алматыда жаңбыр жауды.\"}\n\n{\"id\":7,\"text\":\"" + News + "\"}\n";

        var result = await KaznerProcess.RunAsync(input, "annotate", "--input-format", "Jsonl", "--device", "Cpu");

        Assert.Equal(0, result.ExitCode);
        var ids = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString());
        Assert.Equal(["a", "7"], ids);
    }

    [Fact]
    public async Task Annotate_BrokenJsonLine_OneReadableLineAndNonZeroExit()
    {
        var result = await KaznerProcess.RunAsync("{\"id\":1,\"text\":\"ok\"}\n{not json\n", "annotate", "--input-format", "Jsonl", "--device", "Cpu");

        Assert.NotEqual(0, result.ExitCode);
        // Engine log lines (model loaded) go to stderr too; the failure itself is one line, no stack trace.
        var error = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.StartsWith("kazner:", StringComparison.Ordinal));
        Assert.StartsWith("kazner: stdin:2:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Annotate_ModelFolderWithoutModel_ErrorNamesTheMissingFile()
    {
        var empty = Directory.CreateTempSubdirectory("kazner-empty-model");

        var result = await KaznerProcess.RunAsync(null, "annotate", "--model", empty.FullName, "Сәлем");

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("model.onnx", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_MalformedConllLine_ErrorNamesFileAndLine()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("kazner-eval").FullName, "gold.conll");
        await File.WriteAllTextAsync(file, "Алматы B-GPE\nқаласы O\n\nбұл-жол-қате\n", TestContext.Current.CancellationToken);

        var result = await KaznerProcess.RunAsync(null, "eval", "--data", file);

        Assert.Equal(3, result.ExitCode);
        Assert.Contains("gold.conll:4", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_JsonAndPredictions_FractionsAndOneLinePerGoldToken()
    {
        var dir = Directory.CreateTempSubdirectory("kazner-eval").FullName;
        var gold = Path.Combine(dir, "gold.conll");
        var predictions = Path.Combine(dir, "predicted.txt");
        await File.WriteAllTextAsync(gold, "Тоқаев B-PERSON\nАстанаға B-GPE\nкелді O\n. O\n\n2024 B-DATE\nжылы I-DATE\n. O\n", TestContext.Current.CancellationToken);

        var result = await KaznerProcess.RunAsync(null, "eval", "--data", gold, "--json", "--predictions", predictions, "--device", "Cpu");

        Assert.Equal(0, result.ExitCode);
        using var report = JsonDocument.Parse(result.Stdout);
        var micro = report.RootElement.GetProperty("micro");
        Assert.All(["precision", "recall", "f1"], m => Assert.InRange(micro.GetProperty(m).GetDouble(), 0, 1));
        Assert.Equal(3, report.RootElement.GetProperty("micro").GetProperty("support").GetInt32());
        var lines = await File.ReadAllLinesAsync(predictions, TestContext.Current.CancellationToken);
        Assert.Equal(["Тоқаев", "B-PERSON"], lines[0].Split(' ')[..2]);
        Assert.Equal(9, lines.Length);
        Assert.Equal(7, lines.Count(l => l.Split(' ').Length == 3));
    }
}
