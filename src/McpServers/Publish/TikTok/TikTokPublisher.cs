using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Core.Publishing;
using AiVideo.McpServers.Publish.Platforms;
using AiVideo.McpServers.Publish.Webhook;
using AiVideo.Media.Probing;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.TikTok;

/// <summary>
/// Publishes <c>tiktok</c> through the Content Posting API (FILE_UPLOAD, inbox or direct), exactly once per idempotency key:
/// the intent is recorded in <c>platform_posts</c> first and TikTok's <c>publish_id</c> as its handle before a single byte
/// is sent. A key with a recorded <c>publish_id</c> is never initialized again: its status is polled instead
/// (PUBLISH_COMPLETE / SEND_TO_USER_INBOX → live; FAILED → refused with TikTok's fail_reason).
/// </summary>
public sealed class TikTokPublisher(TikTokOptions options, PlatformPostLedger ledger, TikTokApi api, MediaProbe probe, TimeProvider time,
    ILogger<TikTokPublisher> logger) : IPublisher
{
    public const string ProviderName = "tiktok";
    private const int MaxTitleChars = 2200;

    public string Name => ProviderName;

    public bool Supports(string platform) => platform == PlatformNames.TikTok;

    public async Task<PublishReceipt> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        if (!Supports(request.Platform)) throw new InvalidInputException($"the tiktok publisher only publishes '{PlatformNames.TikTok}', not '{request.Platform}'");
        PlatformLimits.Validate(request.Platform, request.Metadata);
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > 128) throw new InvalidInputException("idempotencyKey must be 1..128 characters");
        var duration = await DurationAsync(request, cancellationToken).ConfigureAwait(false);
        var sha = await IdempotencyKeys.FileSha256Async(request.VideoPath, cancellationToken).ConfigureAwait(false);
        var key = request.IdempotencyKey;
        var channel = request.Metadata.ChannelId;

        var (post, started) = ledger.Begin(key, request.Platform, ProviderName, channel, sha);
        if (post is { State: PlatformPostState.Live, Receipt: { } live })
        {
            logger.LogInformation("Key {Key} already live on TikTok as {Id}; nothing sent", key, live.ExternalId);
            return live with { Duplicate = true };
        }
        try
        {
            if (!started && post.Handle is { } recorded)
            {
                logger.LogInformation("Key {Key}: publish_id already recorded; polling its status instead of posting again", key);
                return await WaitAsync(request.Platform, key, channel, recorded, cancellationToken).ConfigureAwait(false);
            }
            if (options.Direct) await CheckCreatorAsync(channel, duration, cancellationToken).ConfigureAwait(false);
            var chunks = TikTokChunks.For(new FileInfo(request.VideoPath).Length, options.ChunkSizeBytes);
            var (publishId, uploadUrl) = await api.InitAsync(channel, Title(request.Metadata), chunks, cancellationToken).ConfigureAwait(false);
            ledger.RecordHandle(key, publishId, null);
            logger.LogInformation("Key {Key}: publish_id recorded; sending {Total} bytes in {Count} chunk(s)", key, chunks.VideoSize, chunks.Count);
            await api.UploadAsync(uploadUrl, request.VideoPath, chunks, cancellationToken).ConfigureAwait(false);
            return await WaitAsync(request.Platform, key, channel, publishId, cancellationToken).ConfigureAwait(false);
        }
        catch (PublishRejectedException ex)
        {
            ledger.MarkFailed(key, ex.Message);
            logger.LogWarning("TikTok refused key {Key}: {Message}", key, ex.Message);
            throw;
        }
    }

    public async Task<PublishReceipt?> FindAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var post = ledger.Find(idempotencyKey);
        if (post is { State: PlatformPostState.Live, Receipt: { } receipt }) return receipt;
        if (post is not { State: PlatformPostState.Pending, Handle: { } publishId }) return null;
        var status = await api.StatusAsync(post.ChannelId, publishId, cancellationToken).ConfigureAwait(false);
        switch (status.Status)
        {
            case "PUBLISH_COMPLETE" or "SEND_TO_USER_INBOX":
                return Live(post.Platform, idempotencyKey, publishId, status);
            case "FAILED":
                ledger.MarkFailed(idempotencyKey, Failed(status).Message);
                return null;
            default:
                return null;
        }
    }

    private async Task<PublishReceipt> WaitAsync(string platform, string key, string channel, string publishId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + options.MaxWait;
        while (true)
        {
            var status = await api.StatusAsync(channel, publishId, cancellationToken).ConfigureAwait(false);
            switch (status.Status)
            {
                case "PUBLISH_COMPLETE" or "SEND_TO_USER_INBOX":
                    return Live(platform, key, publishId, status);
                case "FAILED":
                    throw Failed(status);
            }
            if (time.GetUtcNow() >= deadline)
            {
                throw new TransientProviderException(
                    $"tiktok: the post is still {status.Status} after {options.MaxWait.TotalSeconds:0} s; it is kept — publishing the key again resumes polling, never posts twice");
            }
            await Task.Delay(options.StatusPollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private PublishReceipt Live(string platform, string key, string publishId, TikTokStatus status)
    {
        var inbox = status.Status == "SEND_TO_USER_INBOX";
        var id = status.PostId ?? publishId;
        var location = status.PostId is { } postId ? $"https://www.tiktok.com/@/video/{postId}" : "";
        var receipt = new PublishReceipt(platform, key, id, location, inbox ? "inbox" : "published", time.GetUtcNow(), Duplicate: false);
        var recorded = ledger.MarkLive(receipt);
        logger.LogInformation(inbox ? "Key {Key} is in the TikTok creator's inbox ({Id}): the creator finishes the post in the app" : "Key {Key} posted on TikTok as {Id}",
            key, recorded.ExternalId);
        return recorded;
    }

    private static PublishRejectedException Failed(TikTokStatus status) =>
        new($"tiktok could not post the video (FAILED: {status.FailReason ?? "no fail_reason given"})");

    private async Task CheckCreatorAsync(string channel, double duration, CancellationToken cancellationToken)
    {
        var creator = await api.CreatorInfoAsync(channel, cancellationToken).ConfigureAwait(false);
        if (!creator.PrivacyLevelOptions.Contains(options.PrivacyLevel, StringComparer.Ordinal))
        {
            throw new PublishRejectedException(
                $"tiktok: the creator cannot post with privacy {options.PrivacyLevel} (allowed: {string.Join(", ", creator.PrivacyLevelOptions)}); " +
                "set Publish:TikTok:PrivacyLevel to one of them (unaudited apps: SELF_ONLY)");
        }
        if (creator.MaxVideoPostDurationSec is { } max && duration > max)
        {
            throw new PublishRejectedException($"tiktok: the video is {duration:0.#} s but this creator may post at most {max} s");
        }
    }

    /// <summary>The caption with the hashtags it does not already contain, at most 2200 characters.</summary>
    private static string Title(PublishMetadata metadata)
    {
        var tags = metadata.Hashtags.Select(h => h.StartsWith('#') ? h : "#" + h)
            .Where(h => !metadata.Caption.Contains(h, StringComparison.OrdinalIgnoreCase));
        var title = string.Join(' ', new[] { metadata.Caption.Trim() }.Concat(tags).Where(s => s.Length > 0));
        return title.Length > MaxTitleChars ? title[..MaxTitleChars] : title;
    }

    private async Task<double> DurationAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        MediaInfo info;
        try
        {
            info = await probe.ProbeAsync(request.VideoPath, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw new InvalidInputException($"'{Path.GetFileName(request.VideoPath)}' is not a video file");
        }
        if (info.VideoCodec is null || info.Width == 0) throw new InvalidInputException($"'{Path.GetFileName(request.VideoPath)}' has no video stream");
        var limits = PlatformLimits.MediaFor(request.Platform);
        if (info.DurationSec > limits.MaxDurationSec) throw new InvalidInputException($"the video is {info.DurationSec:0.#} s; TikTok takes at most {limits.MaxDurationSec:0} s");
        return info.DurationSec;
    }
}
