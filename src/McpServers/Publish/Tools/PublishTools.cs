using System.ComponentModel;
using AiVideo.Contracts;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Core.Publishing;
using AiVideo.Core.Workspace;
using AiVideo.McpServers.Publish.Outbox;
using AiVideo.McpServers.Publish.Platforms;
using ModelContextProtocol.Server;

namespace AiVideo.McpServers.Publish.Tools;

/// <summary>
/// Publishing tools over the configured publisher (the outbox, or the platform router when a platform is routed to a
/// real provider). Exactly once per idempotency key. <paramref name="platformPosts"/> is empty unless a platform is routed.
/// </summary>
[McpServerToolType]
public sealed class PublishTools(IPublisher publisher, OutboxPublisher outbox, ArtifactWorkspace workspace, IEnumerable<PlatformPostLedger> platformPosts)
{
    [McpServerTool(Name = "publish_video", UseStructuredContent = true)]
    [Description("Publishes a video to one platform (embedded default: the local outbox, which writes the video and the exact platform metadata under <out>/published/<platform>/). Idempotent: the same idempotencyKey returns the first receipt with duplicate=true and writes nothing.")]
    public async Task<PublishToolResult> PublishVideo(
        [Description("Workspace-relative path of the final .mp4")] string videoPath,
        [Description("tiktok | youtube_shorts | instagram_reels | webhook")] string platform,
        [Description("Post title (YouTube Shorts allows 100 characters)")] string title,
        [Description("Post caption / description")] string caption,
        [Description("Hashtags, e.g. [\"#space\"]")] string[] hashtags,
        [Description("Channel id the post belongs to")] string channelId,
        [Description("Idempotency key; default sha256(channelId, video sha256, platform)")] string? idempotencyKey = null,
        CancellationToken cancellationToken = default)
    {
        var video = workspace.ResolveExistingFile(videoPath);
        var key = string.IsNullOrWhiteSpace(idempotencyKey)
            ? IdempotencyKeys.ForPublish(channelId, await IdempotencyKeys.FileSha256Async(video, cancellationToken).ConfigureAwait(false), platform)
            : idempotencyKey;
        var receipt = await publisher.PublishAsync(
            new PublishRequest(platform, video, new PublishMetadata(title, caption, hashtags ?? [], channelId), key), cancellationToken).ConfigureAwait(false);
        return PublishToolResult.From(receipt);
    }

    [McpServerTool(Name = "list_published", UseStructuredContent = true, ReadOnly = true, Idempotent = true)]
    [Description("Lists publications recorded in the outbox ledger (and live posts of platforms routed to a real provider, e.g. the webhook), newest first.")]
    public async Task<IReadOnlyList<PublishToolResult>> ListPublished(
        [Description("Only this platform")] string? platform = null,
        [Description("Only this channel")] string? channelId = null,
        [Description("How many, 1..500")] int limit = 50,
        CancellationToken cancellationToken = default)
    {
        if (limit is < 1 or > 500) throw new InvalidInputException($"limit {limit} must be 1..500");
        if (platform is not null && !PlatformNames.IsKnown(platform))
        {
            throw new InvalidInputException(PlatformNames.UnknownMessage(platform));
        }
        var list = await outbox.ListAsync(platform, channelId, limit, cancellationToken).ConfigureAwait(false);
        var live = platformPosts.SelectMany(p => p.ListLive(platform, channelId, limit)).ToList();
        if (live.Count == 0) return list.Select(PublishToolResult.From).ToList();
        return list.Concat(live).OrderByDescending(r => r.PublishedAt).ThenBy(r => r.IdempotencyKey, StringComparer.Ordinal).Take(limit)
            .Select(PublishToolResult.From).ToList();
    }

    [McpServerTool(Name = "find_publication", UseStructuredContent = true, ReadOnly = true, Idempotent = true)]
    [Description("Answers 'did idempotency key K land?': the receipt recorded for the key, if any.")]
    public async Task<FindPublicationToolResult> FindPublication(
        [Description("The idempotency key to look up")] string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        var receipt = await publisher.FindAsync(idempotencyKey, cancellationToken).ConfigureAwait(false);
        return new FindPublicationToolResult(receipt is not null, receipt is null ? null : PublishToolResult.From(receipt));
    }
}
