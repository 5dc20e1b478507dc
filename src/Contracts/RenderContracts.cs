using AiVideo.Core.Domain;

namespace AiVideo.Contracts;

// Results of the Render server's tools (render_shot, shot_similarity, assemble_video, read_captions).

/// <param name="ClipPath">Workspace-relative path of the clip.</param>
/// <param name="Provider">Render provider that made it.</param>
/// <param name="Seed">Channel seed actually used.</param>
/// <param name="DurationSec">Clip duration (frames / fps).</param>
/// <param name="Attempt">Render attempt number.</param>
/// <param name="CostUsd">What the render cost (0 for the offline provider); with <paramref name="DryRun"/>, what it would cost.</param>
/// <param name="StyleId">The channel look the provider applied.</param>
/// <param name="Reused">True when an earlier render with identical inputs was returned instead of rendering again (nothing new was spent).</param>
/// <param name="Source">The visual source that filled the shot (procedural, library, …).</param>
/// <param name="Item">Provenance: the main item of the clip (a library-relative file; the style id for procedural shots).</param>
/// <param name="Score">How well the main item matched the shot's query (0..1); null for sources that do not rank.</param>
/// <param name="Parts">Every piece of the clip in order (item, score, start, length, speed); a short clip is joined with the next-best pick.</param>
/// <param name="Note">What an operator should know about the clip (joined, slowed).</param>
/// <param name="DryRun">True when nothing was rendered: the answer to <c>dryRun: true</c>, a price quote (see <see cref="PaidTools"/>).</param>
public sealed record RenderShotToolResult(string ClipPath, string Provider, int Seed, double DurationSec, int Attempt, decimal CostUsd, string StyleId, bool Reused = false,
    string Source = VisualSources.Procedural, string? Item = null, double? Score = null, IReadOnlyList<VisualPart>? Parts = null, string? Note = null,
    bool DryRun = false);

/// <param name="Similarity">0..1; compare with the channel's drift threshold (default 0.55).</param>
/// <param name="Method">How it was measured.</param>
/// <param name="FramesCompared">Frames sampled from the clip.</param>
/// <param name="ReferencePath">Workspace-relative reference image used.</param>
/// <param name="Frozen">True when the sampled frames are identical (a still or stuck clip; its score is halved).</param>
/// <param name="Note">What the caller should know about the method: the colour histogram judged generative footage (it cannot see character drift); null: nothing.</param>
public sealed record ShotSimilarityToolResult(double Similarity, string Method, int FramesCompared, string? ReferencePath, bool Frozen = false, string? Note = null)
{
    /// <summary>True when the score came from an image-embedding model (method "image-embedding:…").</summary>
    public bool ByEmbedding => Method.StartsWith("image-embedding", StringComparison.Ordinal);
}

/// <summary>Technical sanity facts of a shot's clip (check_footage); the Host's footage gate judges them.</summary>
/// <param name="ClipPath">Workspace-relative path of the clip.</param>
/// <param name="Width">Frame width as probed.</param>
/// <param name="Height">Frame height as probed.</param>
/// <param name="ExpectedWidth">The shot width asked for.</param>
/// <param name="ExpectedHeight">The shot height asked for.</param>
/// <param name="SizeOk">True when the probed size is exactly the size asked for.</param>
/// <param name="OrientationOk">True when the clip is portrait exactly when the size asked for is.</param>
/// <param name="MeanLuma">Mean luma over the sampled frames, 0 (black) .. 1 (white).</param>
/// <param name="DarkestFrameLuma">Luma of the darkest sampled frame.</param>
/// <param name="Motion">Mean absolute difference between consecutive sampled frames (0..255).</param>
/// <param name="Frozen">True when the sampled frames are practically identical.</param>
/// <param name="FramesSampled">Frames looked at.</param>
public sealed record FootageCheckToolResult(string ClipPath, int Width, int Height, int ExpectedWidth, int ExpectedHeight, bool SizeOk, bool OrientationOk,
    double MeanLuma, double DarkestFrameLuma, double Motion, bool Frozen, int FramesSampled);

/// <summary>ffprobe facts about a workspace file.</summary>
public sealed record ProbeMediaToolResult(
    string Path,
    double DurationSec,
    string? VideoCodec,
    string? AudioCodec,
    int Width,
    int Height,
    double FrameRate,
    string? PixelFormat,
    double? VideoDurationSec,
    double? AudioDurationSec,
    long SizeBytes,
    bool FastStart)
{
    /// <summary>The probe facts as the domain's <see cref="MediaInfo"/> (without the path).</summary>
    public MediaInfo ToMediaInfo() => new()
    {
        DurationSec = DurationSec, VideoCodec = VideoCodec, AudioCodec = AudioCodec, Width = Width, Height = Height, FrameRate = FrameRate,
        PixelFormat = PixelFormat, VideoDurationSec = VideoDurationSec, AudioDurationSec = AudioDurationSec, SizeBytes = SizeBytes, FastStart = FastStart,
    };
}

/// <summary>A burned caption cue: when it shows, its text and each word's own timing.</summary>
public sealed record ToolCue(int StartMs, int EndMs, string Text, IReadOnlyList<WordTiming> Words);

/// <param name="VideoPath">Workspace-relative path of the assembled .mp4.</param>
/// <param name="SubtitlePath">Workspace-relative path of the ASS file that was burned in.</param>
/// <param name="Cues">The cues as read back from the burned subtitle file.</param>
/// <param name="IntegratedLufs">EBU R128 integrated loudness of the output.</param>
/// <param name="Music">The music under the narration and its measured ducking; null without music.</param>
public sealed record AssembleToolResult(string VideoPath, string SubtitlePath, double DurationSec, int Width, int Height, IReadOnlyList<ToolCue> Cues, double? IntegratedLufs, double? TruePeakDbtp = null,
    MusicMixToolResult? Music = null);

/// <summary>What the music mix measured (on the music before and after ducking, as mixed).</summary>
/// <param name="Track">Workspace-relative path of the track that was mixed.</param>
/// <param name="DuckDepthDb">How far the music was pulled down while the voice spoke (un-ducked minus ducked level over the speech windows), dB.</param>
/// <param name="LevelDuringSpeechDbfs">RMS level of the music under the voice, dBFS.</param>
/// <param name="LevelInPausesDbfs">RMS level of the music in pauses long enough for it to come back up, dBFS; null when the voice never pauses that long.</param>
/// <param name="SpeechSec">Seconds of the timeline where the music was ducked.</param>
/// <param name="PauseSec">Seconds of the timeline where the music was at its bed level (fades excluded).</param>
/// <param name="TrackLufs">Integrated loudness of the track as supplied.</param>
/// <param name="BedGainDb">Static gain that put the track at its bed level.</param>
public sealed record MusicMixToolResult(string Track, double? DuckDepthDb, double? LevelDuringSpeechDbfs, double? LevelInPausesDbfs, double SpeechSec, double PauseSec,
    double TrackLufs, double BedGainDb, double FadeInSec, double FadeOutSec);

/// <param name="Readable">False when the video is too small for OCR (no text is read then).</param>
/// <param name="Texts">The text read at each requested moment, in order.</param>
public sealed record ReadCaptionsToolResult(bool Readable, IReadOnlyList<string> Texts, string Method);
