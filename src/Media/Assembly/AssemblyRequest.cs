using AiVideo.Core.Domain;
using AiVideo.Media.Loudness;

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
    AssemblyMusic? Music = null,
    double TargetLufs = -14,
    double TruePeakDbtp = -2);

/// <summary>Background music under the narration: looped or trimmed to it, faded in and out, ducked while the voice speaks.</summary>
/// <param name="Path">Absolute path of the track (any audio ffmpeg reads).</param>
/// <param name="VolumeDb">Music loudness where nobody speaks, relative to the narration's target loudness (LU).</param>
/// <param name="DuckDb">How far the music goes down while the voice speaks.</param>
public sealed record AssemblyMusic(string Path, double VolumeDb = -18, double DuckDb = 12)
{
    /// <summary>Louder than this, music in pauses would count toward the mix's integrated loudness and push it off target.</summary>
    public const double MaxVolumeDb = -10;

    public const double MinVolumeDb = -40;

    public const double MaxDuckDb = 40;
}

/// <param name="Music">What the music mix measured (null without music).</param>
public sealed record AssemblyResult(string OutputPath, string SubtitlePath, IReadOnlyList<CaptionCue> BurnedCues, MediaInfo Info, MusicMixResult? Music = null)
{
    /// <summary>EBU R128 loudness of the output file (after AAC), measured concurrently with the probe.</summary>
    public LoudnessReading? Loudness { get; init; }
}

/// <param name="TrackLufs">Integrated loudness of the track as supplied.</param>
/// <param name="BedGainDb">Gain that put the track at its bed level (target + volume).</param>
/// <param name="Ducking">The ducking measured on the mixed stems.</param>
/// <param name="FadeInSec">Fade-in at the start.</param>
/// <param name="FadeOutSec">Fade-out at the end.</param>
public sealed record MusicMixResult(double TrackLufs, double BedGainDb, DuckingMeasurement Ducking, double FadeInSec, double FadeOutSec);
