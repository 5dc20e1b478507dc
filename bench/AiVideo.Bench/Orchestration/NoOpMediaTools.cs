using System.Collections.Concurrent;
using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Contracts;
using AiVideo.Host.Pipeline;

namespace AiVideo.Bench.Orchestration;

/// <summary>
/// Media tools that do no media work: every call answers at once with a plausible result, so what remains of a run is
/// the orchestration (workflow, checkpoints, run store). The only file written is the assembled "video" — a few bytes
/// naming its path — because publishing hashes it into the idempotency key, which must differ per run.
/// </summary>
public sealed class NoOpMediaTools(ArtifactWorkspace workspace) : IMediaTools
{
    private const int SampleRate = 22050;
    private const int MsPerWord = 300;

    private readonly ConcurrentDictionary<string, double> _narrationSec = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, double> _videoSec = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, PublishToolResult> _landed = new(StringComparer.Ordinal);

    /// <summary>Publish calls made (one per platform of a published run).</summary>
    public int PublishCalls => _landed.Count;

    public Task<SpeechToolResult> SynthesizeAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken)
    {
        var words = new List<WordTiming>();
        var at = 0;
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            words.Add(new WordTiming(word, at, at + MsPerWord - 50));
            at += MsPerWord;
        }
        var seconds = at / 1000.0;
        _narrationSec[outputPath] = seconds;
        return Task.FromResult(new SpeechToolResult(outputPath, seconds, voice.Id, SampleRate, "noop", words));
    }

    public Task<RenderShotToolResult> RenderShotAsync(ShotRenderCall call, IProgress<double> progress, CancellationToken cancellationToken) =>
        Task.FromResult(new RenderShotToolResult(call.OutputPath, "noop", call.ChannelSeed, call.DurationSec, call.Attempt, 0m, "noop"));

    public Task<ShotSimilarityToolResult> ShotSimilarityAsync(string clipPath, int channelSeed, string? referencePath, string source, CancellationToken cancellationToken) =>
        Task.FromResult(new ShotSimilarityToolResult(0.9, "noop", 3, referencePath));

    public Task<FootageCheckToolResult> CheckFootageAsync(string clipPath, VideoSize expected, CancellationToken cancellationToken) =>
        Task.FromResult(new FootageCheckToolResult(clipPath, expected.Width, expected.Height, expected.Width, expected.Height, true, true, 0.5, 0.5, 0.1, false, 3));

    public async Task<AssembleToolResult> AssembleAsync(IReadOnlyList<string> shotPaths, IReadOnlyList<double> shotDurations, Narration narration, VideoSize size, int fps,
        string outputPath, MusicBed? music, IProgress<double> progress, CancellationToken cancellationToken)
    {
        await File.WriteAllTextAsync(workspace.ResolveForWrite(outputPath), outputPath, cancellationToken).ConfigureAwait(false);
        _videoSec[outputPath] = narration.DurationSec;
        // One cue per word, exactly on the word's timing: the caption sync gate passes.
        var cues = narration.Words.Select(w => new ToolCue(w.StartMs, w.EndMs, w.Word, [w])).ToList();
        return new AssembleToolResult(outputPath, outputPath + ".ass", narration.DurationSec, size.Width, size.Height, cues, -14, -2);
    }

    public Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        if (_narrationSec.TryGetValue(path, out var audio))
        {
            return Task.FromResult(new MediaInfo { AudioCodec = "pcm_s16le", DurationSec = audio, AudioDurationSec = audio, SizeBytes = 44 + (long)(audio * SampleRate) * 2 });
        }
        var seconds = _videoSec.GetValueOrDefault(path);
        return Task.FromResult(new MediaInfo
        {
            VideoCodec = "h264", AudioCodec = "aac", PixelFormat = "yuv420p", Width = 1080, Height = 1920, FrameRate = 30, FastStart = true,
            DurationSec = seconds, AudioDurationSec = seconds, VideoDurationSec = seconds, SizeBytes = 1_000_000,
        });
    }

    public Task<PublishToolResult> PublishAsync(string videoPath, string platform, PublishMetadata metadata, string idempotencyKey, CancellationToken cancellationToken)
    {
        var receipt = _landed.GetOrAdd(idempotencyKey,
            key => new PublishToolResult(platform, key, $"noop-{key[..12]}", $"noop://{platform}/{key[..12]}", "published", DateTimeOffset.UnixEpoch, false));
        return Task.FromResult(receipt);
    }

    public Task<IReadOnlyList<string>?> ReadCaptionsAsync(string videoPath, IReadOnlyList<int> atMs, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<string>?>(null);

    public Task<SpeechCheckToolResult> CheckSpeechAsync(string audioPath, string script, CancellationToken cancellationToken) =>
        Task.FromResult(new SpeechCheckToolResult(script.ToLowerInvariant(), 0, [], "noop"));

    public Task<PublishToolResult?> FindPublicationAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(_landed.TryGetValue(idempotencyKey, out var r) ? r : null);
}
