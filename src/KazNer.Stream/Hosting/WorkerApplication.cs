using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace KazNer.Stream.Hosting;

/// <summary>
/// The worker's web host. Configuration sources, later winning: appsettings.json beside the executable,
/// KAZNER_ environment variables, command-line <c>--Section:Key value</c> pairs, then <paramref name="overrides"/>.
/// </summary>
internal static class WorkerApplication
{
    public const string EnvironmentPrefix = "KAZNER_";

    public static WebApplication Build(string[] configurationArgs, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddEnvironmentVariables(EnvironmentPrefix);
        builder.Configuration.AddCommandLine(configurationArgs);
        if (overrides is not null)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.AddKazNerWorker();
        var app = builder.Build();
        app.MapKazNerEndpoints();
        return app;
    }
}
