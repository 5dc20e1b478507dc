using AiVideo.Core.Domain;
using AiVideo.Host.Mcp;
using AiVideo.Host.Pipeline;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AiVideo.Host.Resilience;

/// <summary>
/// Every tool call of the pipeline through its provider's resilience pipeline. Retrying is safe: renders and
/// assembly write to a fixed output path, publishing carries the run's idempotency key. A call that still fails
/// surfaces as a <see cref="ToolCallException"/> whose message says how often it was tried.
/// </summary>
public sealed class ResilientMediaTools(IMediaTools inner, ProviderResilience resilience) : IMediaTools
{
    public Task<SpeechToolResult> SynthesizeAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken) =>
        RunAsync(McpToolbox.Voice, "synthesize_speech", ct => inner.SynthesizeAsync(text, voice, outputPath, ct), cancellationToken);

    public Task<RenderShotToolResult> RenderShotAsync(ShotRenderCall call, IProgress<double> progress, CancellationToken cancellationToken) =>
        RunAsync(McpToolbox.Render, "render_shot", ct => inner.RenderShotAsync(call, progress, ct), cancellationToken);

    public Task<ShotSimilarityToolResult> ShotSimilarityAsync(string clipPath, int channelSeed, string? referencePath, string source, CancellationToken cancellationToken) =>
        RunAsync(McpToolbox.Render, "shot_similarity", ct => inner.ShotSimilarityAsync(clipPath, channelSeed, referencePath, source, ct), cancellationToken);

    public Task<FootageCheckToolResult> CheckFootageAsync(string clipPath, VideoSize expected, CancellationToken cancellationToken) =>
        RunAsync(McpToolbox.Render, "check_footage", ct => inner.CheckFootageAsync(clipPath, expected, ct), cancellationToken);

    public Task<AssembleToolResult> AssembleAsync(IReadOnlyList<string> shotPaths, IReadOnlyList<double> shotDurations, Narration narration, VideoSize size, int fps, string outputPath, MusicBed? music, IProgress<double> progress, CancellationToken cancellationToken) =>
        RunAsync(McpToolbox.Render, "assemble_video", ct => inner.AssembleAsync(shotPaths, shotDurations, narration, size, fps, outputPath, music, progress, ct), cancellationToken);

    public Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken) =>
        RunAsync(McpToolbox.Render, "probe_media", ct => inner.ProbeAsync(path, ct), cancellationToken);

    public Task<PublishToolResult> PublishAsync(string videoPath, string platform, PublishMetadata metadata, string idempotencyKey, CancellationToken cancellationToken) =>
        RunAsync(McpToolbox.Publish, "publish_video", ct => inner.PublishAsync(videoPath, platform, metadata, idempotencyKey, ct), cancellationToken);

    public Task<IReadOnlyList<string>?> ReadCaptionsAsync(string videoPath, IReadOnlyList<int> atMs, CancellationToken cancellationToken) =>
        RunAsync(McpToolbox.Render, "read_captions", ct => inner.ReadCaptionsAsync(videoPath, atMs, ct), cancellationToken);

    public Task<SpeechCheckToolResult> CheckSpeechAsync(string audioPath, string script, CancellationToken cancellationToken) =>
        RunAsync(McpToolbox.Voice, "check_speech", ct => inner.CheckSpeechAsync(audioPath, script, ct), cancellationToken);

    public Task<PublishToolResult?> FindPublicationAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        RunAsync(McpToolbox.Publish, "find_publication", ct => inner.FindPublicationAsync(idempotencyKey, ct), cancellationToken);

    private async Task<T> RunAsync<T>(string server, string tool, Func<CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        var attempts = 0;
        try
        {
            return await resilience.For(server).ExecuteAsync(async ct =>
            {
                attempts++;
                return await call(ct).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new ToolCallException(server, tool, $"timed out after {ex.Timeout.TotalSeconds:0} s ({attempts} attempt(s))", isTransient: true);
        }
        catch (BrokenCircuitException)
        {
            throw new ToolCallException(server, tool, $"the {server} provider is failing repeatedly (circuit open); not called");
        }
        catch (ToolCallException ex) when (ex.IsTransient && attempts > 1)
        {
            throw new ToolCallException(server, tool, $"{ex.ToolMessage} (gave up after {attempts} attempts)", isTransient: true);
        }
    }
}
