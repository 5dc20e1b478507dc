using AiVideo.Core.Domain;

namespace AiVideo.Media.Assembly;

/// <summary>One stretch of the final video: a clip shown for exactly <see cref="DurationSec"/>.</summary>
/// <param name="ClipPath">Absolute path of the shot clip.</param>
public sealed record AssemblySegment(string ClipPath, double DurationSec);

/// <summary>What the deterministic assembler needs. All paths absolute.</summary>
public sealed record AssemblyRequest(
    IReadOnlyList<AssemblySegment> Segments,
    string NarrationPath,
    double NarrationDurationSec,
    IReadOnlyList<CaptionCue> Cues,
    VideoSize Size,
    int Fps,
    string OutputPath,
    string SubtitlePath,
    string? MusicPath = null,
    double TargetLufs = -14,
    double TruePeakDbtp = -2);

public sealed record AssemblyResult(string OutputPath, string SubtitlePath, IReadOnlyList<CaptionCue> BurnedCues, MediaInfo Info);
