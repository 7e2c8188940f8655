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
        };
        return root.Parse(args).InvokeAsync();
    }
}
