using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace KazNer.Stream.Tests.Cli;

/// <summary>
/// Every bad setting, model and input of issue 11 through the real executable: one line starting with
/// "kazner:", the documented exit code, never a stack trace.
/// </summary>
public sealed class CliErrorTests
{
    private const string Topics = "--bootstrap-servers=127.0.0.1:1 --input-topic=news --output-topic=news.annotated";

    [Theory]
    [InlineData("run --Kafka:Delivery Sometimes", "Kafka:Delivery 'Sometimes' is not one of AtLeastOnce, ExactlyOnce")]
    [InlineData("run --Model:Device Gpu", "Model:Device 'Gpu' is not one of Auto, Cpu, Cuda")]
    [InlineData("run --Kafka:InputFormat Xml", "Kafka:InputFormat 'Xml' is not one of Json, Text")]
    [InlineData("run --Kafka:OffsetUnit Bytes", "Kafka:OffsetUnit 'Bytes' is not one of Utf16, CodePoint")]
    [InlineData("run --Kafka:MaxMessageBytes abc", "Kafka:MaxMessageBytes 'abc' is not a whole number in 1000..104857600")]
    [InlineData("run --Kafka:Properties:group.id=other " + Topics, "Kafka:Properties:group.id is set by the worker: use Kafka:GroupId")]
    [InlineData("run --Kafka:ConsumerProperties:enable.auto.commit=true " + Topics, "Kafka:ConsumerProperties:enable.auto.commit is set by the worker: the worker commits an offset only once its outputs are delivered (Kafka:Delivery)")]
    [InlineData("run --Kafka:ProducerProperties:transactional.id=t1 " + Topics, "Kafka:ProducerProperties:transactional.id is set by the worker: under Kafka:Delivery=ExactlyOnce it is <Kafka:GroupId>-<host name>; use Kafka:GroupId")]
    [InlineData("run --Kafka:Properties:isolation.level=read_uncommitted " + Topics, "Kafka:Properties:isolation.level is set by the worker: ")]
    [InlineData("run --Kafka:ProducerProperties:enable.idempotence=false " + Topics, "Kafka:ProducerProperties:enable.idempotence is set by the worker: ")]
    [InlineData("run --Kafka:Properties:bootstrap.servers=b:9092 " + Topics, "Kafka:Properties:bootstrap.servers is set by the worker: use Kafka:BootstrapServers")]
    [InlineData("run --Model:MaxBatchTokens 4096 " + Topics, "Model:MaxBatchTokens is not read by run, which batches by Pipeline:MaxBatchTokens; set that instead")]
    [InlineData("run --Pipeline:DrainTimeoutSeconds -5", "Pipeline:DrainTimeoutSeconds: The field DrainTimeoutSeconds must be between 0 and 3600.")]
    [InlineData("run --device Gpu", "'Gpu'")]
    [InlineData("run --Kafka:Properties:bogus.key=1 " + Topics, "Kafka: librdkafka refused the configuration: No such configuration property: \"bogus.key\"")]
    [InlineData("run --threads -1", "--threads must be 0 (one per physical core) or 1..1024, not -1")]
    [InlineData("dev-broker --port 70000", "--port must be in 0..65535, not 70000")]
    [InlineData("dev-broker --partitions 0", "--partitions must be in 1..10000, not 0")]
    [InlineData("eval --threads 5000 --data x.conll", "--threads must be 0 (one per physical core) or 1..1024, not 5000")]
    [InlineData("annotate --threads -1 Сәлем", "--threads must be 0 (one per physical core) or 1..1024, not -1")]
    [InlineData("annotate --device Gpu Сәлем", "Auto Cpu Cuda")]
    [InlineData("annotate --input-format Xml Сәлем", "--input-format must be one of Auto, Json (or Jsonl), Text, not 'Xml'")]
    [InlineData("annotate --format Html Сәлем", "'Html'")]
    [InlineData("annotate --offsets Bytes Сәлем", "'Bytes'")]
    [InlineData("annotate --max-document-bytes 0 Сәлем", "--max-document-bytes must be in 1..104857600, not 0")]
    public async Task BadSetting_OneLineNamingItAndTheAllowedValues_Exit2(string command, string expected)
    {
        var result = await KaznerProcess.RunAsync(null, Split(command));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, OneError(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_NoSettingsAtAll_ReportsTheMissingSettingsOnly()
    {
        var result = await KaznerProcess.RunAsync(null, "run");

        Assert.Equal(2, result.ExitCode);
        var lines = ErrorLines(result);
        Assert.Equal(
            ["Kafka:BootstrapServers is required", "Kafka:InputTopic is required", "Kafka:OutputTopic is required"],
            lines.Select(l => l["kazner: configuration: ".Length..l.IndexOf(" (", StringComparison.Ordinal)]));
        Assert.DoesNotContain("must differ", result.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(result);
    }

    [Fact]
    public async Task Run_ModelFolderWithoutModel_HonoursModelOption_Exit4()
    {
        var empty = Directory.CreateTempSubdirectory("kazner-empty-model").FullName;

        var result = await KaznerProcess.RunAsync(null, ["run", "--model", empty, .. Split(Topics)]);

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("model.onnx", OneError(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_LibrdkafkaKeyWithDots_ReachesLibrdkafkaFromTheEnvironment()
    {
        var environment = new Dictionary<string, string> { ["KAZNER_Kafka__Properties__no.such.property"] = "1" };

        var result = await KaznerProcess.RunAsync(null, environment, Split("run " + Topics));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("kazner: configuration: Kafka: librdkafka refused the configuration: No such configuration property: \"no.such.property\"", OneError(result));
    }

    [Fact]
    public async Task Run_OwnedKeyFromTheEnvironment_OneLineNamingTheSettingToUse()
    {
        var environment = new Dictionary<string, string> { ["KAZNER_Kafka__Properties__message.max.bytes"] = "2000000" };

        var result = await KaznerProcess.RunAsync(null, environment, Split("run " + Topics));

        Assert.Equal(2, result.ExitCode);
        Assert.Equal(
            "kazner: configuration: Kafka:Properties:message.max.bytes is set by the worker: use Kafka:MaxMessageBytes, which sets the producers' message.max.bytes, the consumer's fetch limits and the dead-letter head together",
            OneError(result));
    }

    [Fact]
    public async Task Demo_NormalStartAndStop_NothingAtWarningLevel_AndOneLineAboutTheCpuBuild()
    {
        // --json: the records themselves, so every sample can be counted by its id.
        var result = await KaznerProcess.RunAsync(null, "run", "--demo", "--json");

        Assert.Equal(0, result.ExitCode);
        var levels = result.Stderr.Split('\n').Where(l => l.Length > 5 && l[4] == ':' && !l.StartsWith(' ')).Select(l => l[..4]).ToHashSet(StringComparer.Ordinal);
        Assert.DoesNotContain("warn", levels);
        Assert.DoesNotContain("fail", levels);
        Assert.DoesNotContain("crit", levels);
        Assert.Single(result.Stderr.Split('\n'), l => l.Contains("no CUDA support", StringComparison.Ordinal));
        Assert.DoesNotContain("EntryPointNotFoundException", result.Stderr, StringComparison.Ordinal);
        var samples = File.ReadLines(Path.Combine(AppContext.BaseDirectory, "samples", "news.jsonl")).Count(l => l.Trim().Length > 0);
        Assert.Equal(samples, Ids(result.Stdout).Count);
    }

    [Fact]
    public async Task Run_HttpPortTaken_OneConfigurationLine_Exit2()
    {
        using var taken = new Socket(AddressFamily.InterNetworkV6, SocketType.Stream, ProtocolType.Tcp) { DualMode = true };
        taken.Bind(new IPEndPoint(IPAddress.IPv6Any, 0));
        taken.Listen();
        var port = ((IPEndPoint)taken.LocalEndPoint!).Port;

        var result = await KaznerProcess.RunAsync(null, ["run", $"--Http:Port={port}", .. Split(Topics)]);

        Assert.Equal(2, result.ExitCode);
        // Its clients log that no broker answers on 127.0.0.1:1 meanwhile; the failure itself is one line.
        AssertNoStackTrace(result);
        var error = Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith("kazner: ", StringComparison.Ordinal));
        Assert.StartsWith("kazner: configuration: Http:Port: ", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run --device Cuda " + Topics)]
    [InlineData("annotate --device Cuda Сәлем")]
    public async Task CudaOnTheCpuBuild_OneLine_Exit4(string command)
    {
        var result = await KaznerProcess.RunAsync(null, Split(command));

        Assert.Equal(4, result.ExitCode);
        Assert.StartsWith("kazner: device: Device=Cuda", OneError(result), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidUtf8_ErrorNamesFileLineAndByteOffset_Exit3()
    {
        var file = TempFile("bad.txt", [.. "Алматы\n"u8, .. "ok "u8, 0xFF, 0xFE, .. "\nАстана\n"u8]);

        var result = await KaznerProcess.RunAsync(null, "annotate", "--device", "Cpu", "-f", file);

        Assert.Equal(3, result.ExitCode);
        // "Алматы\n" is 13 bytes, so line 2 starts at byte 13 and its first invalid byte is 13 + 3.
        Assert.Equal("kazner: bad.txt:2: not valid UTF-8 at byte offset 16", OneError(result));
    }

    [Fact]
    public async Task RandomBytes_AreRejectedNotAnnotated_Exit3()
    {
        var bytes = new byte[100_000];
        new Random(11).NextBytes(bytes);

        var result = await KaznerProcess.RunAsync(null, "annotate", "--device", "Cpu", "-f", TempFile("random.bin", bytes));

        Assert.Equal(3, result.ExitCode);
        Assert.Empty(result.Stdout);
        Assert.Matches(@"^kazner: random\.bin:\d+: (not valid UTF-8 at byte offset \d+|document is \d+ bytes, the limit is 1048576)$", OneError(result));
    }

    [Fact]
    public async Task DeadLetters_KeepTheBadLineWithItsReason_AndAnnotateTheRest()
    {
        var dir = Directory.CreateTempSubdirectory("kazner-dlq").FullName;
        var deadLetters = Path.Combine(dir, "rejected.jsonl");
        byte[] bad = [.. "ok "u8, 0xC3, 0x28];
        var input = TempFile("in.txt", [.. "Алматыда жаңбыр жауды.\n"u8, .. bad, .. "\nАстана қаласы.\n"u8]);

        var result = await KaznerProcess.RunAsync(null, "annotate", "--device", "Cpu", "-f", input, "--dead-letters", deadLetters);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(["1", "3"], Ids(result.Stdout));
        using var letter = JsonDocument.Parse(Assert.Single(await File.ReadAllLinesAsync(deadLetters, TestContext.Current.CancellationToken)));
        Assert.Equal("in.txt:2", letter.RootElement.GetProperty("source").GetString());
        Assert.Equal("invalid-utf8", letter.RootElement.GetProperty("error").GetString());
        Assert.Equal(bad, letter.RootElement.GetProperty("value").GetBytesFromBase64());
    }

    [Fact]
    public async Task ContinueOnError_ReportsEachBadLine_AnnotatesTheRest_Exit3()
    {
        var input = "{\"id\":\"a\",\"text\":\"Алматыда жаңбыр жауды.\"}\n{not json\n{\"id\":\"c\",\"text\":\"  \"}\n{\"id\":\"d\",\"text\":\"Астана қаласы.\"}\n";

        var result = await KaznerProcess.RunAsync(input, "annotate", "--device", "Cpu", "--continue-on-error");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal(["a", "d"], Ids(result.Stdout));
        var errors = ErrorLines(result);
        Assert.Equal(2, errors.Count);
        Assert.StartsWith("kazner: stdin:2: ", errors[0], StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("kazner: stdin:3: \"text\" is missing", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DocumentOverTheLimit_IsAnInputError_Exit3()
    {
        var result = await KaznerProcess.RunAsync(new string('а', 100) + "\n", "annotate", "--device", "Cpu", "--max-document-bytes", "150");

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("kazner: stdin:1: document is 200 bytes, the limit is 150", OneError(result));
    }

    [Fact]
    public async Task Directory_IsADirectory_Exit3()
    {
        var dir = Directory.CreateTempSubdirectory("kazner-dir").FullName;

        var result = await KaznerProcess.RunAsync(null, "annotate", "-f", dir);

        Assert.Equal(3, result.ExitCode);
        Assert.Equal($"kazner: {dir}: is a directory", OneError(result));
    }

    [Fact]
    public async Task EmptyFileAndEmptyArgument_BothGiveNoRecord_Exit0()
    {
        var file = await KaznerProcess.RunAsync(null, "annotate", "--device", "Cpu", "-f", TempFile("empty.txt", []));
        var argument = await KaznerProcess.RunAsync(null, "annotate", "--device", "Cpu", "");

        Assert.Equal((0, ""), (file.ExitCode, file.Stdout));
        Assert.Equal((0, ""), (argument.ExitCode, argument.Stdout));
    }

    [Fact]
    public async Task JsonLinesOnStdin_DetectedWithoutInputFormat()
    {
        var result = await KaznerProcess.RunAsync("{\"id\":\"x\",\"text\":\"Алматыда жаңбыр жауды.\"}\n", "annotate", "--device", "Cpu");

        Assert.Equal(0, result.ExitCode);
        using var record = JsonDocument.Parse(result.Stdout);
        Assert.Equal("x", record.RootElement.GetProperty("id").GetString());
        Assert.Equal("Алматыда", Assert.Single(record.RootElement.GetProperty("entities").EnumerateArray()).GetProperty("text").GetString());
    }

    [Fact]
    public async Task Table_WithTokens_HasEveryWordsLabel()
    {
        var result = await KaznerProcess.RunAsync(null, "annotate", "--device", "Cpu", "--format", "table", "--tokens", "Тоқаев Астанада сөйледі.");

        Assert.Equal(0, result.ExitCode);
        var rows = result.Stdout.Split('\n').Where(l => l.StartsWith('│')).Select(l => l.Split('│', StringSplitOptions.TrimEntries)).ToList();
        Assert.Contains(rows, r => r[3] == "Тоқаев" && r[4] == "B-PERSON");
        Assert.Contains(rows, r => r[3] == "сөйледі" && r[4] == "O");
        Assert.DoesNotContain("\u001b[", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodePointOffsets_SliceLikePython()
    {
        const string text = "😀😀 Тоқаев Астанада сөйледі.";

        var result = await KaznerProcess.RunAsync(null, "annotate", "--device", "Cpu", "--offsets", "CodePoint", text);

        Assert.Equal(0, result.ExitCode);
        using var record = JsonDocument.Parse(result.Stdout);
        var runes = text.EnumerateRunes().Select(r => r.ToString()).ToArray();
        var entities = record.RootElement.GetProperty("entities").EnumerateArray().ToList();
        Assert.Contains(entities, e => e.GetProperty("text").GetString() == "Тоқаев" && e.GetProperty("start").GetInt32() == 3);
        Assert.All(entities, e => Assert.Equal(e.GetProperty("text").GetString(), string.Concat(runes[e.GetProperty("start").GetInt32()..e.GetProperty("end").GetInt32()])));
    }

    private static string[] Split(string command) => command.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    private static string TempFile(string name, byte[] content)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("kazner-input").FullName, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static List<string?> Ids(string stdout) =>
        [.. stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.GetProperty("id").GetString())];

    /// <summary>The command's error lines; anything else on stderr must be an information log line.</summary>
    private static List<string> ErrorLines(KaznerProcess.Result result)
    {
        AssertNoStackTrace(result);
        var lines = result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToList();
        Assert.All(lines, l => Assert.True(l.StartsWith("kazner: ", StringComparison.Ordinal) || l.StartsWith("info: ", StringComparison.Ordinal) || l.StartsWith("      ", StringComparison.Ordinal), $"unexpected stderr line: {l}"));
        return [.. lines.Where(l => l.StartsWith("kazner: ", StringComparison.Ordinal))];
    }

    private static string OneError(KaznerProcess.Result result) => Assert.Single(ErrorLines(result));

    private static void AssertNoStackTrace(KaznerProcess.Result result)
    {
        Assert.DoesNotContain("   at ", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Stderr, StringComparison.Ordinal);
    }
}
