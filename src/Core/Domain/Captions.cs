namespace AiVideo.Core.Domain;

/// <summary>A caption cue of 1–3 words; <see cref="Words"/> keeps each word's own timing for highlighting.</summary>
public sealed record CaptionCue(int StartMs, int EndMs, IReadOnlyList<WordTiming> Words)
{
    public string Text => string.Join(" ", Words.Select(w => w.Word));
}

/// <summary>The assembled short and what it was assembled from.</summary>
public sealed record AssembledVideo(string VideoPath, IReadOnlyList<CaptionCue> Cues, MediaInfo Info)
{
    /// <summary>EBU R128 integrated loudness of the file, as measured after assembly.</summary>
    public double? IntegratedLufs { get; init; }

    public double? TruePeakDbtp { get; init; }

    /// <summary>The music under the narration and its measured ducking; null without music.</summary>
    public MusicMix? Music { get; init; }
}
