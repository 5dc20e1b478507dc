using System.Globalization;
using System.Net.Http.Headers;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Webhook;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.YouTube;

/// <summary>What a status query (<c>PUT</c> with <c>Content-Range: bytes */total</c>) says about a session.</summary>
public enum SessionState
{
    /// <summary>All bytes arrived: the answer carries the video.</summary>
    Completed,

    /// <summary>308: the upload can continue from <see cref="YouTubeAnswer.NextOffset"/>.</summary>
    Incomplete,

    /// <summary>404/410: the session is gone; a new one has to be started.</summary>
    Expired,
}

/// <summary>
/// The resumable videos.insert protocol: start a session (<c>POST {UploadUrl}?uploadType=resumable&amp;part=snippet,status</c>
/// → <c>Location</c>), <c>PUT</c> chunks with <c>Content-Range: bytes a-b/total</c> (308 + <c>Range</c> → continue after it),
/// and after an interruption (dropped connection, 500/502/503/504) ask the session where it is
/// (<c>Content-Range: bytes */total</c>) and continue from there, never from byte 0. Retries back off exponentially and
/// are bounded; a 401 refreshes the access token once. Permanent refusals become <see cref="PublishRejectedException"/>
/// (quota exhaustion prefixed <c>quota:</c>). The session URI is never logged.
/// </summary>
public sealed class YouTubeResumableUpload(YouTubeOptions options, YouTubeTokenProvider tokens, HttpClient http, TimeProvider time,
    ILogger<YouTubeResumableUpload> logger)
{
    public const string QuotaPrefix = "quota: ";

    /// <summary>Starts a session for <paramref name="totalBytes"/> of video/mp4 and returns its URI (the handle to record).</summary>
    public async Task<Uri> StartAsync(string channelId, byte[] metadata, long totalBytes, CancellationToken cancellationToken)
    {
        var url = new Uri(options.UploadUrl.AbsoluteUri + (options.UploadUrl.Query.Length > 0 ? "&" : "?") + "uploadType=resumable&part=snippet,status");
        for (var attempt = 0; ; attempt++)
        {
            YouTubeAnswer? answer;
            try
            {
                answer = await SendAsync(channelId, () =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(metadata) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
                    request.Headers.Add("X-Upload-Content-Type", "video/mp4");
                    request.Headers.Add("X-Upload-Content-Length", totalBytes.ToString(CultureInfo.InvariantCulture));
                    return request;
                }, cancellationToken).ConfigureAwait(false);
            }
            catch (UploadInterruptedException ex)
            {
                // No session URI came back, so no byte can follow it: starting again cannot make a second video.
                answer = null;
                if (attempt >= options.MaxRetries) throw new TransientProviderException($"youtube: starting the upload session failed ({ex.Message})");
            }
            if (answer is { Code: 200 or 201, Location: { } location }) return location;
            if (answer is { Code: 200 or 201 }) throw new TransientProviderException("youtube: the upload session answer had no Location header");
            if (answer is not null && !answer.IsRetryable) throw Refused("starting the upload", answer);
            if (attempt >= options.MaxRetries) throw new TransientProviderException($"youtube: starting the upload session answered {answer!.Code} {attempt + 1} times");
            await BackoffAsync(attempt, answer?.Code, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Asks a session how far it got. Network trouble surfaces as <see cref="TransientProviderException"/>.</summary>
    public async Task<(SessionState State, YouTubeAnswer Answer)> QueryAsync(string channelId, Uri session, long totalBytes, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            YouTubeAnswer? answer = null;
            try
            {
                answer = await SendAsync(channelId, () => Put(session, [], new ContentRangeHeaderValue(totalBytes)), cancellationToken).ConfigureAwait(false);
            }
            catch (UploadInterruptedException ex) when (attempt >= options.MaxRetries)
            {
                throw new TransientProviderException($"youtube: the upload session did not answer its status query ({ex.Message}); it is kept and asked again later");
            }
            catch (UploadInterruptedException)
            {
            }
            switch (answer)
            {
                case { IsCompleted: true }: return (SessionState.Completed, answer);
                case { Code: 200 or 201 }: break;
                case { Code: 308 }: return (SessionState.Incomplete, answer);
                case { Code: 404 or 410 }: return (SessionState.Expired, answer);
                case { IsRetryable: false }: throw Refused("asking the upload session", answer);
            }
            if (attempt >= options.MaxRetries)
            {
                throw new TransientProviderException($"youtube: the upload session status query failed {attempt + 1} times (last: {(answer is null ? "no answer" : $"HTTP {answer.Code}")}); it is kept and asked again later");
            }
            await BackoffAsync(attempt, answer?.Code, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Sends the file from <paramref name="offset"/> to the end and returns the answer that carries the video.</summary>
    public async Task<YouTubeAnswer> UploadAsync(string channelId, Uri session, string path, long offset, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.RandomAccess);
        var total = file.Length;
        var buffer = new byte[options.ChunkSizeBytes];
        var failures = 0;
        while (true)
        {
            YouTubeAnswer? answer = null;
            string? interruption = null;
            try
            {
                if (offset >= total)
                {
                    answer = (await QueryAsync(channelId, session, total, cancellationToken).ConfigureAwait(false)).Answer;
                }
                else
                {
                    var length = (int)Math.Min(options.ChunkSizeBytes, total - offset);
                    file.Position = offset;
                    await file.ReadExactlyAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
                    var chunk = buffer.AsMemory(0, length).ToArray();
                    var from = offset;
                    answer = await SendAsync(channelId, () => Put(session, chunk, new ContentRangeHeaderValue(from, from + length - 1, total)), cancellationToken)
                        .ConfigureAwait(false);
                }
            }
            catch (UploadInterruptedException ex)
            {
                interruption = ex.Message;
            }

            if (answer is { IsCompleted: true }) return answer;
            if (answer is { Code: 200 or 201 })
            {
                // A success without the video resource cannot be trusted: ask the session like after an interruption.
                interruption = $"HTTP {answer.Code} without a video id";
                answer = null;
            }
            if (answer is { Code: 308 })
            {
                var next = answer.NextOffset;
                if (next > offset) failures = 0;
                else if (++failures > options.MaxRetries) throw Stuck(offset, total, "308 without progress");
                offset = next;
                continue;
            }
            if (answer is { Code: 404 or 410 }) throw new UploadSessionExpiredException();
            if (answer is not null && !answer.IsRetryable) throw Refused("uploading", answer);

            // Interrupted or 5xx: back off, then ask the session where it is and continue from its Range.
            if (++failures > options.MaxRetries) throw Stuck(offset, total, interruption ?? $"HTTP {answer!.Code}");
            logger.LogWarning("YouTube upload interrupted at byte {Offset}/{Total} ({Why}); retry {Attempt} after asking the session",
                offset, total, interruption ?? $"HTTP {answer!.Code}", failures);
            await BackoffAsync(failures - 1, answer?.Code, cancellationToken).ConfigureAwait(false);
            var (state, status) = await QueryAsync(channelId, session, total, cancellationToken).ConfigureAwait(false);
            switch (state)
            {
                case SessionState.Completed: return status;
                case SessionState.Expired: throw new UploadSessionExpiredException();
                default:
                    offset = status.NextOffset;
                    break;
            }
        }
    }

    /// <summary>
    /// One request with the channel's bearer token; a 401 drops the token and tries once more with a fresh one, a second 401
    /// is a permanent refusal. A dropped connection or timeout → <see cref="UploadInterruptedException"/>.
    /// </summary>
    private async Task<YouTubeAnswer> SendAsync(string channelId, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        for (var refreshed = false; ; refreshed = true)
        {
            var token = await tokens.GetAccessTokenAsync(channelId, cancellationToken).ConfigureAwait(false);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Timeout);
            YouTubeAnswer answer;
            try
            {
                using var request = build();
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                answer = await YouTubeAnswer.ReadAsync(response, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new UploadInterruptedException($"no answer within {options.Timeout.TotalSeconds:0} s");
            }
            catch (HttpRequestException ex)
            {
                throw new UploadInterruptedException($"connection {ex.HttpRequestError}");
            }
            catch (IOException ex)
            {
                throw new UploadInterruptedException($"connection dropped ({ex.GetType().Name})");
            }
            if (answer.Code != 401) return answer;
            tokens.Invalidate(channelId);
            if (refreshed)
            {
                throw new PublishRejectedException(
                    $"youtube answered 401 twice, with a freshly refreshed token ({answer.Reason ?? "unauthorized"}): the refresh token lacks the youtube.upload scope " +
                    "or the channel's authorization was revoked; get a new refresh token and set Publish:YouTube:RefreshToken");
            }
            logger.LogWarning("YouTube answered 401; refreshing the access token once");
        }
    }

    private static HttpRequestMessage Put(Uri session, byte[] body, ContentRangeHeaderValue range)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, session) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentRange = range;
        if (body.Length > 0) request.Content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        return request;
    }

    private async Task BackoffAsync(int attempt, int? status, CancellationToken cancellationToken)
    {
        var wait = options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt, 8));
        logger.LogInformation("YouTube {What}; retry in {Seconds:0.#} s", status is { } s ? $"answered {s}" : "connection interrupted", wait.TotalSeconds);
        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
    }

    private TransientProviderException Stuck(long offset, long total, string why) => new(
        $"youtube: the upload stopped at byte {offset.ToString(CultureInfo.InvariantCulture)} of {total.ToString(CultureInfo.InvariantCulture)} after {options.MaxRetries + 1} tries ({why}); " +
        "the upload session is kept and a retry of the same key resumes it from the server's Range");

    /// <summary>A permanent refusal with YouTube's reason and message; quota exhaustion says so first.</summary>
    public static PublishRejectedException Refused(string doing, YouTubeAnswer answer)
    {
        var because = $"{answer.Reason ?? "no reason given"}{(answer.Message is { } m ? ": " + m : "")}";
        if (answer.Code == 403 && answer.Reason is "quotaExceeded" or "uploadLimitExceeded" or "dailyLimitExceeded" or "userRateLimitExceeded" or "rateLimitExceeded")
        {
            return new PublishRejectedException(
                $"{QuotaPrefix}YouTube's upload quota is exhausted ({because}); it resets at midnight Pacific time — publish this key again after that");
        }
        return new PublishRejectedException($"youtube refused {doing} ({answer.Code} {because})");
    }
}

/// <summary>A request that got no answer (connection dropped or refused, or timed out): the result is unknown.</summary>
public sealed class UploadInterruptedException(string message) : Exception(message);

/// <summary>The session answered 404/410: it expired (about a week) or was cancelled; a new one has to be started.</summary>
public sealed class UploadSessionExpiredException() : Exception("the YouTube upload session expired");
