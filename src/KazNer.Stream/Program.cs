using System.CommandLine;
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
            DevBrokerCommand.Create(),
            HealthcheckCommand.Create(),
        };
        // No forced exit after Ctrl+C/SIGTERM: `run` needs its drain timeout to finish in-flight work.
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
    }
}
