using System.ComponentModel;
using AiVideo.Contracts;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Memory.Performance;
using ModelContextProtocol.Server;

namespace AiVideo.McpServers.Publish.Tools;

/// <summary>
/// Feeds the performance memory: what a published video earned, recorded in the server's &lt;out&gt;/publish.db where the
/// next script's recall_performance reads it. Videos AiVideo published are known by their platform id or idempotency key; others
/// can be registered in the same call by giving their channel, title, hook and posted time.
/// </summary>
[McpServerToolType]
public sealed class PerformanceTools(PerformanceLedger ledger, IPublisher publisher, TimeProvider time)
{
    [McpServerTool(Name = "record_performance", UseStructuredContent = true)]
    [Description("Records the metrics a published video has earned so far (cumulative numbers at one moment). Recording the same numbers for the same moment again is a no-op (duplicate=true); different numbers for the same moment are refused.")]
    public async Task<RecordPerformanceToolResult> RecordPerformance(
        [Description("tiktok | youtube_shorts | instagram_reels | webhook")] string platform,
        [Description("The platform's id of the post (externalId of the publish receipt) or the publish idempotency key")] string videoId,
        [Description("Views so far")] long views,
        [Description("Total watch time so far, seconds")] double watchTimeSec = 0,
        [Description("Average percentage of the video viewed, 0..1000 (re-watches can exceed 100)")] double averageViewPercent = 0,
        [Description("Likes so far")] long likes = 0,
        [Description("Shares so far")] long shares = 0,
        [Description("Comments so far")] long comments = 0,
        [Description("Follows/subscribers gained from the video")] long follows = 0,
        [Description("When these numbers were read (ISO 8601); default now")] DateTimeOffset? observedAt = null,
        [Description("Only to register a video AiVideo did not publish: its channel id")] string? channelId = null,
        [Description("Only to register: the post title")] string? title = null,
        [Description("Only to register: the opening line")] string? hook = null,
        [Description("Only to register: the topic (default: the title)")] string? topic = null,
        [Description("Only to register: when it was posted (ISO 8601)")] DateTimeOffset? postedAt = null,
        CancellationToken cancellationToken = default)
    {
        if (!PlatformNames.IsKnown(platform)) throw new InvalidInputException(PlatformNames.UnknownMessage(platform));
        if (string.IsNullOrWhiteSpace(videoId)) throw new InvalidInputException("videoId is required");
        if (views < 0 || likes < 0 || shares < 0 || comments < 0 || follows < 0 || watchTimeSec < 0 || !double.IsFinite(watchTimeSec))
        {
            throw new InvalidInputException("metrics must be ≥ 0");
        }
        if (averageViewPercent is < 0 or > 1000 || !double.IsFinite(averageViewPercent)) throw new InvalidInputException($"averageViewPercent {averageViewPercent} must be 0..1000");

        var externalId = await ResolveExternalIdAsync(platform, videoId.Trim(), cancellationToken).ConfigureAwait(false);
        PublishedVideo? register = null;
        if (channelId is not null || title is not null || hook is not null)
        {
            if (string.IsNullOrWhiteSpace(channelId) || string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(hook) || postedAt is null)
            {
                throw new InvalidInputException("to register a video give channelId, title, hook and postedAt together");
            }
            register = new PublishedVideo
            {
                ChannelId = channelId, Platform = platform, ExternalId = externalId, Title = title, Hook = hook,
                Topic = string.IsNullOrWhiteSpace(topic) ? title : topic, HookStyle = HookStyles.Classify(hook), PostedAt = postedAt.Value,
            };
        }
        var metrics = new MetricsObservation
        {
            Platform = platform, ExternalId = externalId, ObservedAt = (observedAt ?? time.GetUtcNow()).ToUniversalTime(),
            Views = views, WatchTimeSec = watchTimeSec, AverageViewPercent = averageViewPercent, Likes = likes, Shares = shares, Comments = comments, Follows = follows,
        };
        MetricsRecordOutcome outcome;
        try
        {
            outcome = await ledger.RecordAsync(metrics, register, "mcp:record_performance", cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is UnknownVideoException or MetricsConflictException)
        {
            throw new InvalidInputException(ex.Message);
        }
        var observations = await ledger.CountObservationsAsync(platform, externalId, cancellationToken).ConfigureAwait(false);
        return new RecordPerformanceToolResult(PerformanceLedger.KeyOf(platform, externalId), outcome == MetricsRecordOutcome.Duplicate, observations, PerformanceScore.Of(metrics));
    }

    /// <summary>The platform id as given, or — when it is an idempotency key the outbox knows — the receipt's external id.</summary>
    private Task<string> ResolveExternalIdAsync(string platform, string videoId, CancellationToken cancellationToken) =>
        ResolveExternalIdAsync(ledger, publisher, platform, videoId, cancellationToken);

    internal static async Task<string> ResolveExternalIdAsync(PerformanceLedger ledger, IPublisher publisher, string platform, string videoId, CancellationToken cancellationToken)
    {
        if (await ledger.FindVideoAsync(platform, videoId, cancellationToken).ConfigureAwait(false) is not null) return videoId;
        return await publisher.FindAsync(videoId, cancellationToken).ConfigureAwait(false) is { } receipt && receipt.Platform == platform
            ? receipt.ExternalId
            : videoId;
    }
}
