using System.Runtime.InteropServices;
using KazNer.Stream.Cli;
using KazNer.Stream.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace KazNer.Stream.Hosting;

/// <summary>Runs the worker host for <c>kazner run</c> and the demo, and turns how it ended into an exit code.</summary>
internal static class WorkerRunner
{
    /// <summary>
    /// Runs the worker host until stopped, or only while <paramref name="whileRunning"/> runs; returns the exit
    /// code, printing startup errors as readable lines. SIGTERM and SIGINT stop it cleanly from the moment this runs:
    /// the host only listens for them once started, and a pod scaled in while loading its model would otherwise
    /// die by the signal. (Before this, in the runtime's own start-up, the default action ends the process with
    /// nothing consumed; docs/reliability.md, scenario l.)
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
}
