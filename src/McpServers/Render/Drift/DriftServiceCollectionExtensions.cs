using AiVideo.Media.Processes;
using AiVideo.Media.Probing;
using AiVideo.Media.Similarity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiVideo.McpServers.Render.Drift;

public static class DriftServiceCollectionExtensions
{
    /// <summary>
    /// Registers the drift gate's measurements: the image-embedding provider of <c>Drift:Embedding</c> (validated at start,
    /// with one line per wrong setting), <see cref="ShotDriftMeasurer"/> for <c>shot_similarity</c> and
    /// <see cref="FootageCheck"/> for <c>check_footage</c>. Needs <see cref="ShotSimilarity"/>, <see cref="ProcessRunner"/>
    /// and <see cref="MediaProbe"/> (AddProceduralRender).
    /// </summary>
    public static IServiceCollection AddDriftGate(this IServiceCollection services, IConfiguration configuration)
    {
        var problems = DriftEmbeddingOptions.FromConfiguration(configuration).Validate();
        services.AddOptions<DriftEmbeddingOptions>()
            .Configure(o => o.BindFrom(configuration))
            .Validate(o => o.Validate().Count == 0, "drift embedding settings: " + string.Join("; ", problems))
            .ValidateOnStart();
        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<DriftEmbeddingOptions>>().Value);
        services.TryAddSingleton<FrameSampler>();
        services.TryAddSingleton<FootageCheck>();
        services.TryAddSingleton<IImageEmbedder>(sp =>
        {
            var options = sp.GetRequiredService<DriftEmbeddingOptions>();
            return options.Provider switch
            {
                DriftEmbeddingOptions.Http => new HttpImageEmbedder(new HttpClient { Timeout = TimeSpan.FromSeconds(options.TimeoutSec) }, options,
                    sp.GetRequiredService<ILogger<HttpImageEmbedder>>()),
                DriftEmbeddingOptions.Onnx => new OnnxImageEmbedder(options),
                _ => throw new InvalidOperationException("no image-embedding provider is configured (AIVIDEO__DRIFT__EMBEDDING__PROVIDER)"),
            };
        });
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<DriftEmbeddingOptions>();
            var embedding = options.Enabled ? new EmbeddingSimilarity(sp.GetRequiredService<FrameSampler>(), sp.GetRequiredService<IImageEmbedder>()) : null;
            return new ShotDriftMeasurer(sp.GetRequiredService<ShotSimilarity>(), embedding, options);
        });
        services.AddHostedService<DriftEmbeddingStartupCheck>();
        return services;
    }
}
