using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace KazNer.Core;

public static class NerEngineServiceCollectionExtensions
{
    /// <summary>Registers <see cref="NerEngineOptions"/> (validated at start) and the shared <see cref="INerEngine"/>.</summary>
    public static IServiceCollection AddNerEngine(this IServiceCollection services, IConfiguration modelSection)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(modelSection);
        services.AddOptions<NerEngineOptions>().Bind(modelSection).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<NerEngine>(sp => NerEngine.Load(
            sp.GetRequiredService<IOptions<NerEngineOptions>>().Value,
            sp.GetRequiredService<ILoggerFactory>().CreateLogger<NerEngine>()));
        services.AddSingleton<INerEngine>(sp => sp.GetRequiredService<NerEngine>());
        return services;
    }
}
