using AiVideo.Media.Captions;
using AiVideo.Media.Loudness;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiVideo.Media.Assembly;

public static class AssemblyServiceCollectionExtensions
{
    /// <summary>Registers the deterministic FFmpeg assembly services (captions, assembler, loudness).</summary>
    public static IServiceCollection AddVideoAssembly(this IServiceCollection services)
    {
        services.TryAddSingleton<ProcessRunner>();
        services.TryAddSingleton<MediaProbe>();
        services.TryAddSingleton<AssCaptionWriter>();
        services.TryAddSingleton<AssCaptionReader>();
        services.TryAddSingleton<LoudnessMeter>();
        services.TryAddSingleton<VideoAssembler>();
        return services;
    }
}
