using AiVideo.Core.Providers;
using AiVideo.Media.Processes;
using AiVideo.Media.Probing;
using AiVideo.Media.Similarity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiVideo.Media.Render;

public static class RenderServiceCollectionExtensions
{
    /// <summary>Registers the procedural render provider (as itself and as <see cref="IRenderProvider"/>), shot similarity and probing.</summary>
    public static IServiceCollection AddProceduralRender(this IServiceCollection services)
    {
        services.TryAddSingleton<ProcessRunner>();
        services.TryAddSingleton<MediaProbe>();
        services.TryAddSingleton<ShotSimilarity>();
        services.TryAddSingleton<FontResolver>();
        services.TryAddSingleton<ProceduralSceneRenderer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IRenderProvider, ProceduralSceneRenderer>(sp => sp.GetRequiredService<ProceduralSceneRenderer>()));
        return services;
    }
}
