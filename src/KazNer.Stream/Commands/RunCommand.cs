using System.CommandLine;
using System.Runtime.InteropServices;
using KazNer.Stream.Cli;
using KazNer.Stream.Configuration;
using KazNer.Stream.Demo;
using KazNer.Stream.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KazNer.Stream.Commands;

/// <summary><c>kazner run</c>: the streaming worker, or with <c>--demo</c> the worker on an in-process broker.</summary>
internal static class RunCommand
{
    public static Command Create()
    {
        var demo = new Option<bool>("--demo") { Description = "Run on an in-process development broker fed with samples/news.jsonl, print a table of each document's entities and the most mentioned ones, exit when all are done" };
        var json = new Option<bool>("--json") { Description = "With --demo: print the annotated records as JSON instead of tables" };
        var bootstrap = new Option<string?>("--bootstrap-servers") { Description = "Kafka:BootstrapServers" };
        var input = new Option<string?>("--input-topic") { Description = "Kafka:InputTopic" };
        var output = new Option<string?>("--output-topic") { Description = "Kafka:OutputTopic" };
        var group = new Option<string?>("--group-id") { Description = "Kafka:GroupId" };
        var model = new ModelArguments();
        var command = new Command("run", "Consume Kazakh news from Kafka and publish entity-annotated records. Any setting can also be given as --Section:Key value (see docs/configuration.md). Exit codes: 1 fatal error while running, 2 bad setting, 4 model or device unusable.")
        {
            demo, json, bootstrap, input, output, group,
        };
        model.AddTo(command);
        command.TreatUnmatchedTokensAsErrors = false;
        command.SetAction((result, cancellation) =>
        {
            string?[] named =
            [
                Setting("Kafka:BootstrapServers", result.GetValue(bootstrap)),
                Setting("Kafka:InputTopic", result.GetValue(input)),
                Setting("Kafka:OutputTopic", result.GetValue(output)),
                Setting("Kafka:GroupId", result.GetValue(group)),
            ];
            string[] settings = [.. named.OfType<string>(), .. model.ToSettings(result), .. result.UnmatchedTokens];
            return result.GetValue(demo)
                ? DemoRunner.RunAsync(settings, result.GetValue(json), cancellation)
                : WorkerRunner.RunAsync(settings, overrides: null, whileRunning: null, cancellation);
        });
        return command;
    }

    private static string? Setting(string key, string? value) => value is null ? null : $"--{key}={value}";
}
