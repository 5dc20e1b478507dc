using AiVideo.Core.Providers;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Voice.Providers;

public static class CloudVoiceServiceCollectionExtensions
{
    /// <summary>
    /// Registers the <c>elevenlabs</c> and <c>openai</c> voices and <see cref="VoiceProviderSet"/> (needs the embedded
    /// <see cref="IVoiceProvider"/> registered first). Settings <c>Voice:ElevenLabs:*</c> and <c>Voice:OpenAI:*</c> are
    /// checked here (one line listing every wrong setting stops the server); a missing key is reported by the tool when
    /// a channel asks for that voice. Keys fall back to <c>ELEVENLABS_API_KEY</c> / <c>OPENAI_API_KEY</c>.
    /// </summary>
    public static IServiceCollection AddCloudVoices(this IServiceCollection services, IConfiguration configuration) =>
        services.AddCloudVoices(configuration, Environment.GetEnvironmentVariable);

    /// <param name="environment">Reads the conventional key variables (tests pass their own).</param>
    public static IServiceCollection AddCloudVoices(this IServiceCollection services, IConfiguration configuration, Func<string, string?> environment)
    {
        var elevenLabs = new ElevenLabsOptions();
        var openAi = new OpenAiVoiceOptions();
        elevenLabs.Bind(configuration, environment);
        openAi.Bind(configuration, environment);
        var errors = elevenLabs.Validate().Concat(openAi.Validate()).ToList();
        if (errors.Count > 0) throw new InvalidOperationException("voice server settings: " + string.Join("; ", errors));
        services.TryAddSingleton(elevenLabs);
        services.TryAddSingleton(openAi);
        services.TryAddSingleton(sp => new ElevenLabsVoiceProvider(
            new HttpClient { Timeout = elevenLabs.RequestTimeout }, elevenLabs, sp.GetRequiredService<ILogger<ElevenLabsVoiceProvider>>()));
        services.TryAddSingleton(sp => new OpenAiVoiceProvider(
            new HttpClient { Timeout = openAi.RequestTimeout }, openAi, sp.GetRequiredService<ILogger<OpenAiVoiceProvider>>()));
        services.TryAddSingleton(sp => new VoiceProviderSet(sp.GetRequiredService<IVoiceProvider>(),
            [sp.GetRequiredService<ElevenLabsVoiceProvider>(), sp.GetRequiredService<OpenAiVoiceProvider>()]));
        return services;
    }
}
