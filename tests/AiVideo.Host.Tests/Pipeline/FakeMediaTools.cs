using System.Collections.Concurrent;
using AiVideo.Core.Captions;
using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Host.Mcp;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Tests.Pipeline;

/// <summary>Tools that answer instantly and record every call, to test the workflow's routing.</summary>
internal sealed class FakeMediaTools(ArtifactWorkspace workspace) : IMediaTools
{
    public Func<string, int, double> Similarity { get; set; } = (_, _) => 0.9;
    public ConcurrentQueue<string> Calls { get; } = new();
    public ConcurrentQueue<(string Platform, PublishMetadata Metadata)> Published { get; } = new();
    public ConcurrentQueue<(string Shot, int Attempt, double Duration)> Renders { get; } = new();


    public Task<SpeechToolResult> SynthesizeAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken)
    {
        Calls.Enqueue("voice");
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((w, i) => new WordTiming(w, i * 300, i * 300 + 250)).ToList();
        return Task.FromResult(new SpeechToolResult(outputPath, words.Count * 0.3, voice.Id, 22050, "fake", words));
    }

    public Task<RenderShotToolResult> RenderShotAsync(ShotRenderCall call, IProgress<double> progress, CancellationToken cancellationToken)
    {
        RenderCalls.Enqueue(call);
        if (CannotFill(call) is { } reason)
        {
            return Task.FromException<RenderShotToolResult>(new ToolCallException("render", "render_shot", $"{call.Source}: {reason}", cannotFill: true));
        }
        Calls.Enqueue($"render:{call.Shot.Id}:{call.Attempt}");
        Renders.Enqueue((call.Shot.Id, call.Attempt, call.DurationSec));
        var item = call.Source == VisualSources.Library ? $"{call.Shot.Id}.mp4" : "style";
        return Task.FromResult(new RenderShotToolResult(call.OutputPath, "fake", call.ChannelSeed, call.DurationSec, call.Attempt, 0m, "style",
            Source: call.Source, Item: item, Score: VisualSources.IsFound(call.Source) ? FoundScore : null, Parts: [new VisualPart(item, VisualSources.IsFound(call.Source) ? FoundScore : null, 0, call.DurationSec)],
            Note: call.Source == VisualSources.Library ? $"{item} slowed to 0.9x" : null));
    }

    /// <summary>Every render call as made (source, query, library…), in order.</summary>
    public ConcurrentQueue<ShotRenderCall> RenderCalls { get; } = new();

    /// <summary>The reason a source cannot fill a call ("cannot fill" tool error), or null to render it.</summary>
    public Func<ShotRenderCall, string?> CannotFill { get; set; } = _ => null;

    public Task<ShotSimilarityToolResult> ShotSimilarityAsync(string clipPath, int channelSeed, string? referencePath, string source, CancellationToken cancellationToken)
    {
        SimilarityCalls.Enqueue((clipPath, referencePath, source));
        var attempt = int.Parse(clipPath[(clipPath.LastIndexOf("-a", StringComparison.Ordinal) + 2)..^4]);
        return Task.FromResult(new ShotSimilarityToolResult(Similarity(clipPath, attempt), VisualSources.IsCloudGenerator(source) ? "image-embedding:fake" : "fake", 3, referencePath));
    }

    /// <summary>Every shot_similarity call: the clip, the reference it was measured against, the shot's source.</summary>
    public ConcurrentQueue<(string Clip, string? Reference, string Source)> SimilarityCalls { get; } = new();

    /// <summary>What check_footage measures of a clip (by path and attempt); default: a good clip of exactly the size asked for.</summary>
    public Func<string, int, VideoSize, FootageCheckToolResult>? Footage { get; set; }

    public ConcurrentQueue<string> FootageChecks { get; } = new();

    public Task<FootageCheckToolResult> CheckFootageAsync(string clipPath, VideoSize expected, CancellationToken cancellationToken)
    {
        FootageChecks.Enqueue(clipPath);
        var attempt = int.Parse(clipPath[(clipPath.LastIndexOf("-a", StringComparison.Ordinal) + 2)..^4]);
        return Task.FromResult(Footage?.Invoke(clipPath, attempt, expected)
            ?? new FootageCheckToolResult(clipPath, expected.Width, expected.Height, expected.Width, expected.Height, true, true, 0.4, 0.35, 12, false, 5));
    }

    /// <summary>The score the fake render gives a found (library, stock) shot's main part.</summary>
    public double FoundScore { get; set; } = 0.5;

    public Task<AssembleToolResult> AssembleAsync(IReadOnlyList<string> shotPaths, IReadOnlyList<double> shotDurations, Narration narration, VideoSize size, int fps, string outputPath, MusicBed? music, IProgress<double> progress, CancellationToken cancellationToken)
    {
        Calls.Enqueue(music is null ? "assemble" : $"assemble+music:{music.TrackPath}");
        File.WriteAllText(workspace.ResolveForWrite(outputPath), "video bytes");
        var cues = new CaptionCueBuilder().Build(narration.Words).Select(c => new ToolCue(c.StartMs, c.EndMs, c.Text, c.Words)).ToList();
        var mixed = music is null || workspace.TryResolveExistingFile(music.TrackPath) is null
            ? null
            : new MusicMixToolResult(music.TrackPath, music.DuckDb - 0.1, -45, -33, narration.DurationSec - 1, 0.5, -20, 2, 1, 2);
        return Task.FromResult(new AssembleToolResult(outputPath, outputPath + ".ass", narration.DurationSec, size.Width, size.Height, cues, -14, Music: mixed));
    }

    public Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken) =>
        Task.FromResult(path.EndsWith(".wav", StringComparison.Ordinal)
            ? new MediaInfo { AudioCodec = "pcm_s16le", DurationSec = LastNarrationSec, AudioDurationSec = LastNarrationSec, SizeBytes = 44 + (long)(LastNarrationSec * 22050) * 2 }
            : new MediaInfo { VideoCodec = "h264", AudioCodec = "aac", PixelFormat = "yuv420p", Width = 360, Height = 640, DurationSec = LastNarrationSec, AudioDurationSec = LastNarrationSec, VideoDurationSec = LastNarrationSec, SizeBytes = 1000 });

    public double LastNarrationSec { get; set; }

    public Task<PublishToolResult> PublishAsync(string videoPath, string platform, PublishMetadata metadata, string idempotencyKey, CancellationToken cancellationToken)
    {
        Calls.Enqueue($"publish:{platform}");
        if (PublishFailures.TryDequeue(out var failure)) return Task.FromException<PublishToolResult>(failure);
        if (RefusingPlatforms.Contains(platform)) return Task.FromException<PublishToolResult>(new ToolCallException("publish", "publish_video", $"{platform} refused the upload"));
        if (PublishDelay > TimeSpan.Zero) return Task.Delay(PublishDelay, cancellationToken).ContinueWith<PublishToolResult>(_ => throw new OperationCanceledException(cancellationToken), TaskScheduler.Default);
        Published.Enqueue((platform, metadata));
        var receipt = new PublishToolResult(platform, idempotencyKey, "ext-1", "/out/x", "published", DateTimeOffset.UnixEpoch, false);
        Landed[idempotencyKey] = receipt;
        if (LandsButFailsPlatforms.Contains(platform)) return Task.FromException<PublishToolResult>(new ToolCallException("publish", "publish_video", "502 Bad Gateway", isTransient: true));
        return Task.FromResult(receipt);
    }

    /// <summary>Platforms whose every publish call fails for good (nothing lands).</summary>
    public HashSet<string> RefusingPlatforms { get; } = [];

    /// <summary>Platforms whose publish call lands the post, then answers 502.</summary>
    public HashSet<string> LandsButFailsPlatforms { get; } = [];

    public ConcurrentDictionary<string, PublishToolResult> Landed { get; } = new();

    /// <summary>Failures the next publish calls throw, in order.</summary>
    public ConcurrentQueue<Exception> PublishFailures { get; } = new();

    /// <summary>How long a publish call hangs (until cancelled).</summary>
    public TimeSpan PublishDelay { get; set; }

    /// <summary>What OCR reads at each moment; default: the video is too small to read.</summary>
    public Func<IReadOnlyList<int>, IReadOnlyList<string>?> Ocr { get; set; } = _ => null;

    public Task<IReadOnlyList<string>?> ReadCaptionsAsync(string videoPath, IReadOnlyList<int> atMs, CancellationToken cancellationToken) =>
        Task.FromResult(Ocr(atMs));

    /// <summary>The word error rate the fake recogniser reports.</summary>
    public double WordErrorRate { get; set; } = 0.1;

    public Task<SpeechCheckToolResult> CheckSpeechAsync(string audioPath, string script, CancellationToken cancellationToken) =>
        Task.FromResult(new SpeechCheckToolResult(script.ToLowerInvariant(), WordErrorRate, [], "fake"));

    public Task<PublishToolResult?> FindPublicationAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        Calls.Enqueue("find_publication");
        return Task.FromResult(Landed.TryGetValue(idempotencyKey, out var r) ? r : null);
    }
}
