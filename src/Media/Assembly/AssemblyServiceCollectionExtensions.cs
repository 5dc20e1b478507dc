using Microsoft.Extensions.DependencyInjection;

namespace AiVideo.Media.Assembly;

public static class AssemblyServiceCollectionExtensions
{
    /// <summary>Registers the deterministic FFmpeg assembly services (captions, assembler, loudness).</summary>
    public static IServiceCollection AddVideoAssembly(this IServiceCollection services)
    {
        return services;
    }
}
