using AiVideo.Core.Chaos;
using AiVideo.Core.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiVideo.McpServers.Hosting.Chaos;

public static class ChaosServiceCollectionExtensions
{
    /// <summary>
    /// When AIVIDEO_CHAOS is set, replaces the registered provider of type <typeparamref name="TProvider"/> with a
    /// chaos decorator around <typeparamref name="TInner"/>. Without it, nothing changes.
    /// </summary>
    public static IServiceCollection AddChaos<TProvider, TInner>(this IServiceCollection services, IConfiguration configuration, string provider,
        Func<TInner, ChaosDice, TProvider> decorate)
        where TProvider : class
        where TInner : class
    {
        if (ChaosSpec.Parse(configuration["CHAOS"]) is not { Rate: > 0 } spec) return services;
        var dice = new ChaosDice(spec, provider);
        services.AddSingleton(sp => decorate(sp.GetRequiredService<TInner>(), dice));
        return services;
    }
}
