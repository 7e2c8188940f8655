using System.CommandLine;
using KazNer.Stream.Cli;
using KazNer.Stream.Configuration;
using KazNer.Stream.DeadLetters;

namespace KazNer.Stream.Commands;

/// <summary>What a <c>kazner dlq</c> command reads: the topic, the client settings, and which dead letters.</summary>
internal sealed record DlqContext(KafkaOptions Kafka, string Topic, DeadLetterFilter Filter);

/// <summary>The options every <c>kazner dlq</c> subcommand takes, and their checks.</summary>
internal sealed class DlqArguments
{
    private readonly Option<string?> topic = new("--topic") { Description = "Dead-letter topic (default: Kafka:DeadLetterTopic, else <Kafka:InputTopic>.dlq)" };
    private readonly Option<string?> bootstrap = new("--bootstrap-servers") { Description = "Kafka broker list (over Kafka:BootstrapServers; default localhost:9092)" };
    private readonly Option<string?> window = new("--window") { Description = "Only dead letters written in the last span, e.g. 15m, 1h, 7d (record time)" };
    private readonly Option<string[]> reason = new("--reason") { Description = "Only this kazner-error code (repeatable), e.g. invalid-json", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> stage = new("--stage") { Description = "Only this kazner-stage (repeatable): parse, prepare, inference, assemble, produce", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> key = new("--key") { Description = "Only records with this key (repeatable)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<string[]> id = new("--id") { Description = "Only the document with this id (its JSON id, else its key; repeatable)", AllowMultipleArgumentsPerToken = true };
    private readonly Option<int?> partition = new("--partition") { Description = "Only this partition of the dead-letter topic" };
    private readonly Option<long?> fromOffset = new("--from-offset") { Description = "Only offsets from this one (with --partition)" };
    private readonly Option<long?> toOffset = new("--to-offset") { Description = "Only offsets up to this one, included (with --partition)" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(topic);
        command.Options.Add(bootstrap);
        command.Options.Add(window);
        command.Options.Add(reason);
        command.Options.Add(stage);
        command.Options.Add(key);
        command.Options.Add(id);
        command.Options.Add(partition);
        command.Options.Add(fromOffset);
        command.Options.Add(toOffset);
        command.TreatUnmatchedTokensAsErrors = false;
    }

    /// <summary>The context, or false after printing one line per problem.</summary>
    public bool TryResolve(ParseResult result, out DlqContext context)
    {
        ArgumentNullException.ThrowIfNull(result);
        context = null!;
        if (!KafkaToolSettings.TryLoad(result.UnmatchedTokens, result.GetValue(bootstrap), out var kafka))
        {
            return false;
        }

        DateTime? since = null;
        if (result.GetValue(window) is { } text)
        {
            if (!WindowArgument.TryParse(text, out var span))
            {
                return Problem($"--window '{text}' is not a span such as 90s, 15m, 1h or 7d");
            }

            since = DateTime.UtcNow - span;
        }

        if ((result.GetValue(fromOffset) is not null || result.GetValue(toOffset) is not null) && result.GetValue(partition) is null)
        {
            return Problem("--from-offset and --to-offset need --partition: offsets are per partition");
        }

        var name = result.GetValue(topic) is { Length: > 0 } given ? given
            : !string.IsNullOrWhiteSpace(kafka.DeadLetterTopic) || !string.IsNullOrWhiteSpace(kafka.InputTopic) ? kafka.ResolvedDeadLetterTopic
            : null;
        if (name is null)
        {
            return Problem("no dead-letter topic: give --topic, or Kafka:DeadLetterTopic or Kafka:InputTopic as for run");
        }

        var filter = new DeadLetterFilter(
            Set(result.GetValue(reason)), Set(result.GetValue(stage)), Set(result.GetValue(key)), Set(result.GetValue(id)),
            result.GetValue(partition), result.GetValue(fromOffset), result.GetValue(toOffset), since);
        context = new DlqContext(kafka, name, filter);
        return true;
    }

    private static HashSet<string> Set(string[]? values) => new(values ?? [], StringComparer.Ordinal);

    private static bool Problem(string message)
    {
        CliErrors.Fail(message, CliErrors.ConfigurationError);
        return false;
    }
}
