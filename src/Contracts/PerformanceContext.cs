using System.Text.Json.Serialization;

namespace AiVideo.Contracts;

/// <summary>
/// What the memory recalled for one script (the result of the Publish server's recall_performance tool, and what ideation receives): past videos (each with why it was chosen) and how each hook style has
/// performed on the channel. Empty when the channel has no history.
/// </summary>
public sealed record PerformanceContext
{
    public static PerformanceContext Empty { get; } = new();

    public IReadOnlyList<RecalledVideo> Videos { get; init; } = [];
    public IReadOnlyList<HookStyleStat> HookStyles { get; init; } = [];

    /// <summary>Videos the channel has published that have metrics.</summary>
    public int MeasuredVideos { get; init; }

    [JsonIgnore]
    public bool IsEmpty => Videos.Count == 0 && HookStyles.Count == 0;
}

/// <summary>One past video handed to ideation: what it said, what it earned, and why it was picked.</summary>
public sealed record RecalledVideo(
    string Key,
    string Platform,
    string Title,
    string Topic,
    string Hook,
    string HookStyle,
    DateTimeOffset PostedAt,
    long? Views,
    double? AverageViewPercent,
    double? Score,
    double? Similarity,
    IReadOnlyList<string> Reasons);

/// <summary>How one hook style has done on a channel: videos measured and their mean performance score.</summary>
public sealed record HookStyleStat(string Style, int Videos, double MeanScore);
