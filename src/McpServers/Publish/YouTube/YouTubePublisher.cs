using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Core.Publishing;
using AiVideo.McpServers.Publish.Platforms;
using AiVideo.McpServers.Publish.Webhook;
using AiVideo.Media.Probing;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.YouTube;

/// <summary>
/// Publishes <c>youtube_shorts</c> with a resumable videos.insert, exactly once per idempotency key: the intent is recorded
/// in <c>platform_posts</c> first, the upload session URI as its handle before a single byte is sent, and the video id
/// once YouTube answers. A key with a pending session is never started again: its session is asked where it is
/// (completed → live; 308 → the upload continues from its Range; 404/410 → expired, a new session starts). The daily
/// videos.insert bucket is counted and refused before YouTube is called.
/// </summary>
public sealed class YouTubePublisher(YouTubeOptions options, PlatformPostLedger ledger, YouTubeUploadQuota quota, YouTubeSessionSizes sizes, YouTubeResumableUpload upload,
    YouTubeProcessingWatch processing, MediaProbe probe, TimeProvider time, ILogger<YouTubePublisher> logger) : IPublisher
{
    public const string ProviderName = "youtube";

    public string Name => ProviderName;

    public bool Supports(string platform) => platform == PlatformNames.YouTubeShorts;

    public async Task<PublishReceipt> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        if (!Supports(request.Platform)) throw new InvalidInputException($"the youtube publisher only publishes '{PlatformNames.YouTubeShorts}', not '{request.Platform}'");
        PlatformLimits.Validate(request.Platform, request.Metadata);
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > 128) throw new InvalidInputException("idempotencyKey must be 1..128 characters");
        await CheckVideoAsync(request, cancellationToken).ConfigureAwait(false);
        var sha = await IdempotencyKeys.FileSha256Async(request.VideoPath, cancellationToken).ConfigureAwait(false);
        var key = request.IdempotencyKey;
        var channel = request.Metadata.ChannelId;
        var total = new FileInfo(request.VideoPath).Length;

        var (post, started) = ledger.Begin(key, request.Platform, ProviderName, channel, sha);
        if (post is { State: PlatformPostState.Live, Receipt: { } live })
        {
            logger.LogInformation("Key {Key} already live on YouTube as {VideoId}; nothing sent", key, live.ExternalId);
            return live with { Duplicate = true };
        }
        try
        {
            Uri? session = null;
            long offset = 0;
            if (!started && SessionOf(post) is { } recorded)
            {
                var (state, answer) = await upload.QueryAsync(channel, recorded, total, cancellationToken).ConfigureAwait(false);
                switch (state)
                {
                    case SessionState.Completed:
                        logger.LogInformation("Key {Key}: the recorded upload session had already completed", key);
                        return Live(request.Platform, key, answer);
                    case SessionState.Incomplete:
                        session = recorded;
                        offset = answer.NextOffset;
                        logger.LogInformation("Key {Key}: resuming the recorded upload session at byte {Offset}/{Total}", key, offset, total);
                        break;
                    default:
                        logger.LogWarning("Key {Key}: the recorded upload session expired; starting a new one", key);
                        break;
                }
            }
            if (session is null)
            {
                if (!quota.TryReserve(options.DailyUploadQuota))
                {
                    throw new PublishRejectedException(
                        $"{YouTubeResumableUpload.QuotaPrefix}the daily YouTube upload quota (Publish:YouTube:DailyUploadQuota = {options.DailyUploadQuota} videos.insert calls) " +
                        $"is used up for {quota.Today} UTC; nothing was sent — publish this key again tomorrow");
                }
                session = await upload.StartAsync(channel, YouTubeVideoMetadata.Build(request.Metadata, options), total, cancellationToken).ConfigureAwait(false);
                sizes.Record(key, total);
                ledger.RecordHandle(key, session.AbsoluteUri, null);
                logger.LogInformation("Key {Key}: upload session recorded; sending {Total} bytes", key, total);
            }
            try
            {
                var uploaded = await upload.UploadAsync(channel, session, request.VideoPath, offset, cancellationToken).ConfigureAwait(false);
                // Still pending while YouTube processes: a crash here is reconciled by the session query (completed → live).
                var outcome = await processing.WaitAsync(channel, uploaded.VideoId!, uploaded.UploadStatus ?? "uploaded", cancellationToken).ConfigureAwait(false);
                return Live(request.Platform, key, uploaded with { UploadStatus = outcome.UploadStatus, Reason = outcome.Reason ?? uploaded.Reason });
            }
            catch (UploadSessionExpiredException)
            {
                throw new TransientProviderException("youtube: the upload session expired mid-upload; publishing the key again starts a new session");
            }
        }
        catch (PublishRejectedException ex)
        {
            ledger.MarkFailed(key, ex.Message);
            logger.LogWarning("YouTube refused key {Key}: {Message}", key, ex.Message);
            throw;
        }
    }

    public async Task<PublishReceipt?> FindAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var post = ledger.Find(idempotencyKey);
        if (post is { State: PlatformPostState.Live, Receipt: { } receipt }) return receipt;
        if (post is not { State: PlatformPostState.Pending } || SessionOf(post) is not { } session) return null;
        if (sizes.Find(idempotencyKey) is not { } total) return null;
        var (state, answer) = await upload.QueryAsync(post.ChannelId, session, total, cancellationToken).ConfigureAwait(false);
        return state == SessionState.Completed ? Live(post.Platform, idempotencyKey, answer) : null;
    }

    private PublishReceipt Live(string platform, string key, YouTubeAnswer answer)
    {
        if (answer.UploadStatus is "failed" or "rejected" or "deleted")
        {
            throw new PublishRejectedException(
                $"youtube took the bytes but the video {answer.VideoId} is {answer.UploadStatus} ({answer.Reason ?? "no reason given"}); nothing is live");
        }
        if (options.PrivacyStatus != "private" && answer.PrivacyStatus == "private")
        {
            logger.LogWarning(
                "YouTube made {VideoId} private although {Privacy} was asked: the Google Cloud project is not audited yet (unaudited projects upload private only)",
                answer.VideoId, options.PrivacyStatus);
        }
        // "published" once YouTube processed it; "uploaded" while it is still processing (the URL works when it is done).
        var status = answer.UploadStatus == "processed" ? "published" : "uploaded";
        var receipt = new PublishReceipt(platform, key, answer.VideoId!, $"https://youtube.com/shorts/{answer.VideoId}", status, time.GetUtcNow(), Duplicate: false);
        var recorded = ledger.MarkLive(receipt);
        logger.LogInformation("Key {Key} live on YouTube as {VideoId}", key, recorded.ExternalId);
        return recorded;
    }

    private static Uri? SessionOf(PlatformPost post) =>
        post.Handle is { } handle && Uri.TryCreate(handle, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;

    private async Task CheckVideoAsync(PublishRequest request, CancellationToken cancellationToken)
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
        if (info.DurationSec > limits.MaxDurationSec)
        {
            throw new InvalidInputException($"the video is {info.DurationSec:0.#} s; YouTube Shorts are at most {limits.MaxDurationSec:0} s");
        }
    }
}
