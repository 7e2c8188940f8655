using System.CommandLine;
using KazNer.Stream.Cli;
using KazNer.Stream.Commands;

namespace KazNer.Stream;

internal static class Program
{
    public static Task<int> Main(string[] args)
    {
        var root = new RootCommand("KazNer.Stream: named-entity recognition for Kazakh news, in a terminal or on Kafka.")
        {
            AnnotateCommand.Create(),
            EvalCommand.Create(),
            RunCommand.Create(),
            TopCommand.Create(),
            DlqCommand.Create(),
            DevBrokerCommand.Create(),
            HealthcheckCommand.Create(),
        };
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line and exit 2, like an invalid setting of `run`, instead of the parser's usage dump.
            var first = parsed.Errors[0].Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return Task.FromResult(CliErrors.Fail($"{string.Join(' ', first)} (see --help)", CliErrors.ConfigurationError));
        }

        // No forced exit after Ctrl+C/SIGTERM: `run` needs its drain timeout to finish in-flight work. What a command
        // lets escape is one line too, not the parser's stack trace.
        return CliErrors.RunAsync(() => parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false }));
    }
}
