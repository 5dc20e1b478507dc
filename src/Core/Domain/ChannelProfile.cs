namespace AiVideo.Core.Domain;

/// <summary>An operator's description of one faceless channel. Loaded from JSON (see samples/channels).</summary>
public sealed record ChannelProfile
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Niche { get; init; }
    public string Language { get; init; } = "en";
    public VoiceSettings Voice { get; init; } = new();
    public RenderSettings Render { get; init; } = new();

    /// <summary>Names that must appear spelled exactly as given wherever they occur (script, captions).</summary>
    public IReadOnlyList<string> BrandWords { get; init; } = [];

    /// <summary>Words that must never appear in a script.</summary>
    public IReadOnlyList<string> BannedWords { get; init; } = [];

    public IReadOnlyList<string> Platforms { get; init; } = [PlatformNames.TikTok];
    public IReadOnlyList<string> PostingTimes { get; init; } = [];
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public BudgetCaps Budget { get; init; } = new();

    /// <summary>Thresholds of the QA gates for this channel.</summary>
    public QaSettings Qa { get; init; } = new();
}

/// <summary>Channel-configurable QA thresholds (defaults suit the embedded providers).</summary>
public sealed record QaSettings
{
    /// <summary>EBU R128 integrated loudness target of the final video.</summary>
    public double LoudnessTargetLufs { get; init; } = -14;

    /// <summary>Allowed distance from the target, in LU.</summary>
    public double LoudnessToleranceLu { get; init; } = 1.5;

    /// <summary>Largest allowed difference between the audio and video stream lengths.</summary>
    public double MaxAvDriftSec { get; init; } = 0.25;

    /// <summary>Largest word error rate of the recognised narration against the script (0..1).</summary>
    public double MaxWordErrorRate { get; init; } = 0.5;

    /// <summary>Smallest share of caption words that OCR must read back from the frames (0..1).</summary>
    public double MinCaptionOcrRecall { get; init; } = 0.7;
}

/// <summary>The one locked voice of a channel.</summary>
public sealed record VoiceSettings
{
    public string Id { get; init; } = "en-us";

    /// <summary>Speaking rate in words per minute (espeak-ng scale, 80..450).</summary>
    public int Rate { get; init; } = 165;
}

/// <summary>The locked visual identity of a channel.</summary>
public sealed record RenderSettings
{
    public int Seed { get; init; } = 1;

    /// <summary>Optional workspace-relative reference image; when absent the provider's style reference is used.</summary>
    public string? ReferenceImage { get; init; }

    /// <summary>Shots whose similarity to the channel reference is below this re-render (0..1).</summary>
    public double DriftThreshold { get; init; } = 0.55;

    /// <summary>How many times a drifted shot may be re-rendered before the run is dead-lettered.</summary>
    public int MaxRerenders { get; init; } = 2;
}

public sealed record BudgetCaps
{
    public decimal MaxCostUsdPerVideo { get; init; }
}
