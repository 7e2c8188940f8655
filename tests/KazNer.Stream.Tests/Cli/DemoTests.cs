using System.Text.Json;

namespace KazNer.Stream.Tests.Cli;

/// <summary><c>kazner run --demo</c>: the worker on an in-process broker over samples/news.jsonl.</summary>
public sealed class DemoTests
{
    [Fact]
    public async Task RunDemo_TablePerDocumentWithCanonicalForms_ThenTheMostMentioned()
    {
        var result = await KaznerProcess.RunAsync(null, "run", "--demo", "--Model:Device", "Cpu");

        Assert.Equal(0, result.ExitCode);
        Assert.Matches(@"│ entity\s*│ type\s*│ canonical\s*│", result.Stdout);

        // samples/news.jsonl has "Парижде" (in Paris) and "Қарағанды облысындағы" (in Karaganda region).
        Assert.Matches(@"│ Парижде\s*│ GPE\s*│ Париж\s*│", result.Stdout);
        Assert.Matches(@"│ Қарағанды облысындағы\s*│ GPE\s*│ Қарағанды облысы\s*│", result.Stdout);
        Assert.Contains("most mentioned entities", result.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"20 annotated, 0 dead-lettered, of 20, .*; (\d+) entity events on 'news.entities'", result.Stderr);
        Assert.DoesNotContain("\"schema\"", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunDemoJson_RawRecordsThatValidate()
    {
        var result = await KaznerProcess.RunAsync(null, "run", "--demo", "--json", "--Model:Device", "Cpu");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(20, lines.Length);
        foreach (var line in lines)
        {
            using var record = JsonDocument.Parse(line);
            Assert.All(record.RootElement.GetProperty("entities").EnumerateArray(), e => Assert.StartsWith(e.GetProperty("type").GetString() + ":", e.GetProperty("key").GetString(), StringComparison.Ordinal));
        }
    }
}
