using AiVideo.Core.Domain;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Costs;

/// <summary>
/// The pipeline's paid tool calls through the run's <see cref="SpendingGuard"/>: each render is quoted (render_shot
/// with <c>dryRun</c>), reserved against the channel's caps, made, and settled with the cost it reports. Sits inside
/// <see cref="ReusingMediaTools"/>, so a re-delivered step reusing its recorded result never reaches the ledger again,
/// and outside the resilience layer, so retries of one call share one reservation. Free tools pass straight through.
/// (synthesize_speech joins when the Voice server quotes a price the same way.)
/// </summary>
public sealed class BudgetedMediaTools(IMediaTools inner, SpendingGuard guard) : IMediaTools
{
    public const string RenderShotTool = "render_shot";

    public Task<RenderShotToolResult> RenderShotAsync(ShotRenderCall call, IProgress<double> progress, CancellationToken cancellationToken)
    {
        if (call.DryRun) return inner.RenderShotAsync(call, progress, cancellationToken);
        return guard.SpendAsync(RenderShotTool, RenderCallKey(call),
            async ct =>
            {
                var quote = await inner.RenderShotAsync(call with { DryRun = true }, NoProgress.Instance, ct).ConfigureAwait(false);
                return new CostQuote(quote.Provider, quote.CostUsd);
            },
            ct => inner.RenderShotAsync(call, progress, ct),
            result => result.Reused ? 0 : result.CostUsd,
            cancellationToken);
    }

    /// <summary>The ledger's name for a render call: the clip it writes (one per shot and attempt in a run).</summary>
    public static string RenderCallKey(ShotRenderCall call) => $"render:{call.OutputPath}";

    public Task<SpeechToolResult> SynthesizeAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken) =>
        inner.SynthesizeAsync(text, voice, outputPath, cancellationToken);

    public Task<ShotSimilarityToolResult> ShotSimilarityAsync(string clipPath, int channelSeed, string? referencePath, CancellationToken cancellationToken) =>
        inner.ShotSimilarityAsync(clipPath, channelSeed, referencePath, cancellationToken);

    public Task<AssembleToolResult> AssembleAsync(IReadOnlyList<string> shotPaths, IReadOnlyList<double> shotDurations, Narration narration, VideoSize size, int fps, string outputPath, MusicBed? music, IProgress<double> progress, CancellationToken cancellationToken) =>
        inner.AssembleAsync(shotPaths, shotDurations, narration, size, fps, outputPath, music, progress, cancellationToken);

    public Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken) => inner.ProbeAsync(path, cancellationToken);

    public Task<PublishToolResult> PublishAsync(string videoPath, string platform, PublishMetadata metadata, string idempotencyKey, CancellationToken cancellationToken) =>
        inner.PublishAsync(videoPath, platform, metadata, idempotencyKey, cancellationToken);

    public Task<IReadOnlyList<string>?> ReadCaptionsAsync(string videoPath, IReadOnlyList<int> atMs, CancellationToken cancellationToken) =>
        inner.ReadCaptionsAsync(videoPath, atMs, cancellationToken);

    public Task<SpeechCheckToolResult> CheckSpeechAsync(string audioPath, string script, CancellationToken cancellationToken) =>
        inner.CheckSpeechAsync(audioPath, script, cancellationToken);

    public Task<PublishToolResult?> FindPublicationAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        inner.FindPublicationAsync(idempotencyKey, cancellationToken);

    private sealed class NoProgress : IProgress<double>
    {
        public static readonly NoProgress Instance = new();

        public void Report(double value)
        {
        }
    }
}
