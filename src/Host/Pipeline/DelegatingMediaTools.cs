using AiVideo.Core.Domain;
using AiVideo.Host.Mcp;

namespace AiVideo.Host.Pipeline;

/// <summary>
/// Base of the <see cref="IMediaTools"/> decorators (reuse of recorded results, budgets, test fakes): every call goes to
/// <see cref="Inner"/> unless the decorator overrides it, so a decorator states only what it changes.
/// </summary>
public abstract class DelegatingMediaTools(IMediaTools inner) : IMediaTools
{
    protected IMediaTools Inner { get; } = inner;

    public virtual Task<SpeechToolResult> SynthesizeAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken) =>
        Inner.SynthesizeAsync(text, voice, outputPath, cancellationToken);

    public virtual Task<RenderShotToolResult> RenderShotAsync(ShotRenderCall call, IProgress<double> progress, CancellationToken cancellationToken) =>
        Inner.RenderShotAsync(call, progress, cancellationToken);

    public virtual Task<ShotSimilarityToolResult> ShotSimilarityAsync(string clipPath, int channelSeed, string? referencePath, string source, CancellationToken cancellationToken) =>
        Inner.ShotSimilarityAsync(clipPath, channelSeed, referencePath, source, cancellationToken);

    public virtual Task<FootageCheckToolResult> CheckFootageAsync(string clipPath, VideoSize expected, CancellationToken cancellationToken) =>
        Inner.CheckFootageAsync(clipPath, expected, cancellationToken);

    public virtual Task<AssembleToolResult> AssembleAsync(IReadOnlyList<string> shotPaths, IReadOnlyList<double> shotDurations, Narration narration, VideoSize size, int fps,
        string outputPath, MusicBed? music, IProgress<double> progress, CancellationToken cancellationToken) =>
        Inner.AssembleAsync(shotPaths, shotDurations, narration, size, fps, outputPath, music, progress, cancellationToken);

    public virtual Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken) => Inner.ProbeAsync(path, cancellationToken);

    public virtual Task<PublishToolResult> PublishAsync(string videoPath, string platform, PublishMetadata metadata, string idempotencyKey, CancellationToken cancellationToken) =>
        Inner.PublishAsync(videoPath, platform, metadata, idempotencyKey, cancellationToken);

    public virtual Task<IReadOnlyList<string>?> ReadCaptionsAsync(string videoPath, IReadOnlyList<int> atMs, CancellationToken cancellationToken) =>
        Inner.ReadCaptionsAsync(videoPath, atMs, cancellationToken);

    public virtual Task<SpeechCheckToolResult> CheckSpeechAsync(string audioPath, string script, CancellationToken cancellationToken) =>
        Inner.CheckSpeechAsync(audioPath, script, cancellationToken);

    public virtual Task<PublishToolResult?> FindPublicationAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        Inner.FindPublicationAsync(idempotencyKey, cancellationToken);
}
