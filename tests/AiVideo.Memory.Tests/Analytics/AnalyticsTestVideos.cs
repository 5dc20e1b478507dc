using AiVideo.Memory.Performance;

namespace AiVideo.Memory.Tests.Analytics;

/// <summary>Published videos for the analytics puller tests.</summary>
internal static class AnalyticsTestVideos
{
    public static PublishedVideo Video(string platform, string externalId, DateTimeOffset postedAt) => new()
    {
        ChannelId = "space",
        Platform = platform,
        ExternalId = externalId,
        Title = $"Video {externalId}",
        Hook = "Did you know?",
        Topic = "black holes",
        HookStyle = "curiosity",
        DurationSec = 31,
        PostedAt = postedAt,
    };

    public static List<PublishedVideo> Many(string platform, int count, DateTimeOffset postedAt) =>
        Enumerable.Range(0, count).Select(i => Video(platform, $"vid{i:D3}", postedAt.AddHours(i))).ToList();
}
