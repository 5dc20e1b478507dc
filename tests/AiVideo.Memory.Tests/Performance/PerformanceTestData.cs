using AiVideo.Memory.Performance;

namespace AiVideo.Memory.Tests.Performance;

/// <summary>Builders for ledger rows used by the performance tests.</summary>
internal static class PerformanceTestData
{
    public static readonly DateTimeOffset Posted = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static PublishedVideo Video(
        string channel, string platform, string id, string topic, string hook, string style = HookStyles.Statement,
        DateTimeOffset? postedAt = null, IReadOnlyList<string>? beats = null) => new()
    {
        ChannelId = channel,
        Platform = platform,
        ExternalId = id,
        Title = topic,
        Hook = hook,
        Topic = topic,
        HookStyle = style,
        Beats = beats ?? [],
        DurationSec = 42,
        PostedAt = postedAt ?? Posted,
    };

    public static MetricsObservation Metrics(
        string platform, string id, DateTimeOffset observedAt, long views, double avgViewPercent = 50, long likes = 0, long comments = 0, long shares = 0, long follows = 0) => new()
    {
        Platform = platform,
        ExternalId = id,
        ObservedAt = observedAt,
        Views = views,
        WatchTimeSec = views * 10,
        AverageViewPercent = avgViewPercent,
        Likes = likes,
        Comments = comments,
        Shares = shares,
        Follows = follows,
    };
}

/// <summary>A clock stopped at one instant.</summary>
internal sealed class StoppedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
