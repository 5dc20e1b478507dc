using AiVideo.Media.Similarity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace AiVideo.McpServers.Render.Drift;

/// <summary>
/// Loads the configured image-embedding provider when the server starts, so that a missing or invalid ONNX model stops
/// the server with one clear line instead of failing the first drift measurement.
/// </summary>
public sealed class DriftEmbeddingStartupCheck(IServiceProvider services, DriftEmbeddingOptions options) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Enabled)
        {
            _ = services.GetRequiredService<IImageEmbedder>();
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
