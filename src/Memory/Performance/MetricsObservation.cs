namespace AiVideo.Memory.Performance;

/// <summary>
/// What one published video had earned at one moment (metrics are cumulative; the newest observation of a video is
/// its current standing). Watch time is in seconds; <see cref="AverageViewPercent"/> is 0..100 (can exceed 100 with re-watches).
/// </summary>
public sealed record MetricsObservation
{
    public required string Platform { get; init; }
    public required string ExternalId { get; init; }
    public required DateTimeOffset ObservedAt { get; init; }
    public long Views { get; init; }
    public double WatchTimeSec { get; init; }
    public double AverageViewPercent { get; init; }
    public long Likes { get; init; }
    public long Shares { get; init; }
    public long Comments { get; init; }
    public long Follows { get; init; }
}
