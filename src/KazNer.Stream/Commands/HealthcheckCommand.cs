using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace KazNer.Stream.Commands;

/// <summary>
/// `kazner healthcheck`: probes the local worker's HTTP endpoint and exits 0 when it answers 2xx.
/// It exists for the image's HEALTHCHECK, because a chiseled image has neither a shell nor curl.
/// </summary>
internal static class HealthcheckCommand
{
    private const int DefaultPort = 8080;

    public static Command Create()
    {
        var port = new Option<int?>("--port")
        {
            Description = "Port to probe (default: Http:Port from appsettings.json and KAZNER_ variables, as `run` reads it)",
        };
        var path = new Option<string>("--path")
        {
            Description = "Endpoint to probe",
            DefaultValueFactory = _ => "/healthz",
        };
        var timeout = new Option<double>("--timeout")
        {
            Description = "Seconds to wait for the answer",
            DefaultValueFactory = _ => 3,
        };

        var command = new Command("healthcheck", "Exit 0 if the running worker's health endpoint answers 2xx, else 1")
        {
            port, path, timeout,
        };
        command.SetAction((parse, cancellationToken) => ProbeAsync(
            parse.GetValue(port) ?? ConfiguredPort(),
            parse.GetValue(path) ?? "/healthz",
            TimeSpan.FromSeconds(parse.GetValue(timeout)),
            cancellationToken));
        return command;
    }

    private static int ConfiguredPort()
    {
        // Same sources and precedence as the worker, so the probe follows a port moved by configuration.
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables("KAZNER_")
            .Build();
        return configuration.GetValue("Http:Port", DefaultPort);
    }

    private static async Task<int> ProbeAsync(int port, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var uri = new Uri(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}{path}"));
        using var client = new HttpClient { Timeout = timeout };
        try
        {
            using var response = await client.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return 0;
            }

            await Console.Error.WriteLineAsync($"unhealthy: {uri} answered {(int)response.StatusCode}").ConfigureAwait(false);
            return 1;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"unhealthy: {uri}: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}
