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
                : RunAsync(settings, overrides: null, whileRunning: null, cancellation);
        });
        return command;
    }

    /// <summary>
    /// Runs the worker host until stopped, or only while <paramref name="whileRunning"/> runs; returns the exit
    /// code, printing startup errors as readable lines. SIGTERM and SIGINT stop it cleanly from the first moment:
    /// the host only listens for them once started, and a pod scaled in while loading its model would otherwise
    /// die by the signal.
    /// </summary>
    public static async Task<int> RunAsync(
        string[] settings,
        IReadOnlyDictionary<string, string?>? overrides,
        Func<WebApplication, CancellationToken, Task>? whileRunning,
        CancellationToken cancellation)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        using var sigterm = StopOn(PosixSignal.SIGTERM, stop);
        using var sigint = StopOn(PosixSignal.SIGINT, stop);
        cancellation = stop.Token;
        try
        {
            await using var app = WorkerApplication.Build(settings, overrides);
            // Resolved up front: RunAsync disposes the service provider when the host stops.
            var outcome = app.Services.GetRequiredService<WorkerOutcome>();
            if (cancellation.IsCancellationRequested)
            {
                return StoppedBeforeStart();
            }

            await StartAsync(app, cancellation).ConfigureAwait(false);
            if (whileRunning is null)
            {
                await app.WaitForShutdownAsync(cancellation).ConfigureAwait(false);
            }
            else
            {
                await whileRunning(app, cancellation).ConfigureAwait(false);
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return outcome.ExitCode;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return StoppedBeforeStart();
        }
        catch (SettingsException e)
        {
            return ConfigurationFailure(e.Problems);
        }
        catch (OptionsValidationException e)
        {
            return ConfigurationFailure(e.Failures.Select(f => ConfigurationMessages.Describe(e.OptionsType, f)));
        }
        catch (IOException e) when (e.Message.Contains("bind", StringComparison.OrdinalIgnoreCase))
        {
            // Kestrel cannot listen: the port is taken or not allowed.
            return ConfigurationFailure([$"Http:Port: {e.Message}"]);
        }
        catch (Exception e)
        {
            var (code, message) = CliErrors.Classify(e);
            return CliErrors.Fail(message, code);
        }
    }

    /// <summary>
    /// Starts the host; when a later service fails to start (Kestrel cannot bind), stops the ones already started
    /// before the caller disposes them, or the running worker would use disposed Kafka clients.
    /// </summary>
    private static async Task StartAsync(WebApplication app, CancellationToken cancellation)
    {
        try
        {
            await app.StartAsync(cancellation).ConfigureAwait(false);
        }
        catch
        {
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            throw;
        }
    }

    private static PosixSignalRegistration StopOn(PosixSignal signal, CancellationTokenSource stop) =>
        PosixSignalRegistration.Create(signal, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });

    private static int StoppedBeforeStart()
    {
        Console.Error.WriteLine("kazner: stopped before the worker started; nothing was consumed");
        return 0;
    }

    private static int ConfigurationFailure(IEnumerable<string> problems)
    {
        foreach (var problem in problems)
        {
            CliErrors.Fail($"configuration: {problem}", CliErrors.ConfigurationError);
        }

        return CliErrors.ConfigurationError;
    }

    private static string? Setting(string key, string? value) => value is null ? null : $"--{key}={value}";
}
