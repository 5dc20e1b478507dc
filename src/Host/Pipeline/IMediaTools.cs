using AiVideo.Core.Domain;
using AiVideo.Host.Mcp;

namespace AiVideo.Host.Pipeline;

/// <summary>The tools the pipeline needs, as typed calls. In the product they are the MCP servers' tools.</summary>
public interface IMediaTools
{
    Task<SpeechToolResult> SynthesizeAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken);

    Task<RenderShotToolResult> RenderShotAsync(ShotRenderCall call, IProgress<double> progress, CancellationToken cancellationToken);

    /// <param name="source">The visual source that filled the shot: the server measures cloud-generated shots by image embeddings when it can.</param>
    Task<ShotSimilarityToolResult> ShotSimilarityAsync(string clipPath, int channelSeed, string? referencePath, string source, CancellationToken cancellationToken);

    /// <summary>Technical sanity facts of a found shot's clip: size against <paramref name="expected"/>, brightness, motion.</summary>
    Task<FootageCheckToolResult> CheckFootageAsync(string clipPath, VideoSize expected, CancellationToken cancellationToken);

    /// <param name="music">Music to mix under the narration (ducked while the voice speaks); null: none.</param>
    Task<AssembleToolResult> AssembleAsync(IReadOnlyList<string> shotPaths, IReadOnlyList<double> shotDurations, Narration narration, VideoSize size, int fps, string outputPath, MusicBed? music, IProgress<double> progress, CancellationToken cancellationToken);

    Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken);

    Task<PublishToolResult> PublishAsync(string videoPath, string platform, PublishMetadata metadata, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>OCR of the burned captions at the given moments; null when the video is too small to read.</summary>
    Task<IReadOnlyList<string>?> ReadCaptionsAsync(string videoPath, IReadOnlyList<int> atMs, CancellationToken cancellationToken);

    /// <summary>Offline recognition of a narration against its script (word error rate).</summary>
    Task<SpeechCheckToolResult> CheckSpeechAsync(string audioPath, string script, CancellationToken cancellationToken);

    /// <summary>"Did key K land?" — the publisher's receipt for the key, or null.</summary>
    Task<PublishToolResult?> FindPublicationAsync(string idempotencyKey, CancellationToken cancellationToken);
}
