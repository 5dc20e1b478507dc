using AiVideo.Core.Providers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace AiVideo.Media.Speech;

public static class SpeechServiceCollectionExtensions
{
    /// <summary>Registers the embedded espeak-ng voice (one per process: the native library is global).</summary>
    public static IServiceCollection AddEspeakVoice(this IServiceCollection services)
    {
        services.TryAddSingleton<EspeakVoiceProvider>();
        services.TryAddSingleton<IVoiceProvider>(sp => sp.GetRequiredService<EspeakVoiceProvider>());
        return services;
    }
}
