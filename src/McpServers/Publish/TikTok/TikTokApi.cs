using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Webhook;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.TikTok;

/// <summary>What TikTok says about a creator before a post (<c>creator_info/query</c>).</summary>
public sealed record TikTokCreator(IReadOnlyList<string> PrivacyLevelOptions, int? MaxVideoPostDurationSec);

/// <summary>What <c>status/fetch</c> says: PROCESSING_UPLOAD | PROCESSING_DOWNLOAD | SEND_TO_USER_INBOX | PUBLISH_COMPLETE | FAILED.</summary>
public sealed record TikTokStatus(string Status, string? FailReason, string? PostId);

/// <summary>
/// The Content Posting API calls: JSON POSTs with the bearer token (<c>Content-Type: application/json; charset=UTF-8</c>),
/// chunk PUTs to the <c>upload_url</c>. Rate limits wait (in-process 6 inits/min and 30 status calls/min per channel;
/// 429 <c>rate_limit_exceeded</c> → back off and retry); <c>internal_error</c>/5xx → bounded retry; 401
/// <c>access_token_invalid</c>/<c>scope_not_authorized</c> → refresh once, then a permanent refusal; everything else
/// (<c>invalid_params</c>, <c>invalid_file_upload</c>, <c>spam_risk_too_many_posts</c>, …) → permanent, with TikTok's message.
/// </summary>
public sealed class TikTokApi(TikTokOptions options, TikTokTokenProvider tokens, HttpClient http, TimeProvider time, ILogger<TikTokApi> logger)
{
    public const string CreatorInfoPath = "/v2/post/publish/creator_info/query/";
    public const string DirectInitPath = "/v2/post/publish/video/init/";
    public const string InboxInitPath = "/v2/post/publish/inbox/video/init/";
    public const string StatusPath = "/v2/post/publish/status/fetch/";
    private readonly TikTokRateLimiter _inits = new(options.InitsPerMinute, time);
    private readonly TikTokRateLimiter _statusCalls = new(options.StatusCallsPerMinute, time);

    public async Task<TikTokCreator> CreatorInfoAsync(string channelId, CancellationToken cancellationToken)
    {
        var answer = await PostAsync(channelId, CreatorInfoPath, null, "querying the creator info", cancellationToken).ConfigureAwait(false);
        var levels = new List<string>();
        int? max = null;
        if (answer.Data is { } data)
        {
            if (data.TryGetProperty("privacy_level_options", out var p) && p.ValueKind == JsonValueKind.Array)
            {
                levels.AddRange(p.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!));
            }
            if (data.TryGetProperty("max_video_post_duration_sec", out var m) && m.ValueKind == JsonValueKind.Number) max = m.GetInt32();
        }
        return new TikTokCreator(levels, max);
    }

    /// <summary>Initializes a FILE_UPLOAD post (direct or inbox) and returns its <c>publish_id</c> and <c>upload_url</c>.</summary>
    public async Task<(string PublishId, Uri UploadUrl)> InitAsync(string channelId, string title, TikTokChunks chunks, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["source_info"] = new JsonObject
            {
                ["source"] = "FILE_UPLOAD",
                ["video_size"] = chunks.VideoSize,
                ["chunk_size"] = chunks.ChunkSize,
                ["total_chunk_count"] = chunks.Count,
            },
        };
        if (options.Direct)
        {
            body["post_info"] = new JsonObject
            {
                ["title"] = title,
                ["privacy_level"] = options.PrivacyLevel,
                ["disable_duet"] = options.DisableDuet,
                ["disable_comment"] = options.DisableComment,
                ["disable_stitch"] = options.DisableStitch,
                ["video_cover_timestamp_ms"] = options.VideoCoverTimestampMs,
            };
        }
        await _inits.WaitAsync(channelId, cancellationToken).ConfigureAwait(false);
        var answer = await PostAsync(channelId, options.Direct ? DirectInitPath : InboxInitPath, body, "initializing the post", cancellationToken).ConfigureAwait(false);
        var publishId = answer.Text("publish_id") ?? throw new TransientProviderException("tiktok: the init answer had no publish_id");
        var uploadUrl = answer.Text("upload_url") is { } u && Uri.TryCreate(u, UriKind.Absolute, out var uri)
            ? uri
            : throw new TransientProviderException("tiktok: the init answer had no upload_url");
        return (publishId, uploadUrl);
    }

    /// <summary>PUTs every chunk in order with <c>Content-Range: bytes a-b/total</c> and <c>Content-Type: video/mp4</c>.</summary>
    public async Task UploadAsync(Uri uploadUrl, string path, TikTokChunks chunks, CancellationToken cancellationToken)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        for (var i = 0; i < chunks.Count; i++)
        {
            var (from, to) = chunks.Range(i);
            var bytes = new byte[to - from + 1];
            file.Position = from;
            await file.ReadExactlyAsync(bytes, cancellationToken).ConfigureAwait(false);
            for (var attempt = 0; ; attempt++)
            {
                var answer = await SendAsync(() =>
                {
                    var request = new HttpRequestMessage(HttpMethod.Put, uploadUrl) { Content = new ByteArrayContent(bytes) };
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
                    request.Content.Headers.ContentRange = new ContentRangeHeaderValue(from, to, chunks.VideoSize);
                    return request;
                }, null, cancellationToken).ConfigureAwait(false);
                if (answer is { Status: >= 200 and < 300 }) break;
                if (answer is not null && !answer.IsRetryable && !answer.IsRateLimited) throw Refused($"uploading chunk {i + 1}/{chunks.Count}", answer);
                if (attempt >= options.MaxRetries) throw new TransientProviderException($"tiktok: uploading chunk {i + 1}/{chunks.Count} failed {attempt + 1} times");
                await BackoffAsync(attempt, answer, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<TikTokStatus> StatusAsync(string channelId, string publishId, CancellationToken cancellationToken)
    {
        await _statusCalls.WaitAsync(channelId, cancellationToken).ConfigureAwait(false);
        var answer = await PostAsync(channelId, StatusPath, new JsonObject { ["publish_id"] = publishId }, "fetching the post status", cancellationToken)
            .ConfigureAwait(false);
        string? postId = null;
        if (answer.Data is { } data && data.TryGetProperty("publicaly_available_post_id", out var ids) && ids.ValueKind == JsonValueKind.Array)
        {
            postId = ids.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number ? e.GetRawText() : e.GetString()).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        }
        return new TikTokStatus(answer.Text("status") ?? "PROCESSING_UPLOAD", answer.Text("fail_reason"), postId);
    }

    private async Task<TikTokAnswer> PostAsync(string channelId, string path, JsonObject? body, string doing, CancellationToken cancellationToken)
    {
        var url = new Uri(options.ApiBaseUrl, path);
        var json = Encoding.UTF8.GetBytes((body ?? new JsonObject()).ToJsonString());
        for (var attempt = 0; ; attempt++)
        {
            var answer = await AuthorizedAsync(channelId, () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(json) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "UTF-8" };
                return request;
            }, cancellationToken).ConfigureAwait(false);
            if (answer is { IsOk: true }) return answer;
            if (answer is not null && !answer.IsRetryable && !answer.IsRateLimited) throw Refused(doing, answer);
            if (attempt >= options.MaxRetries)
            {
                throw new TransientProviderException($"tiktok: {doing} failed {attempt + 1} times (last: {(answer is null ? "no answer" : $"{answer.Status} {answer.ErrorCode}")}); try again later");
            }
            await BackoffAsync(attempt, answer, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>With the channel's bearer token; a 401 drops the token and tries once more, a second one is permanent. Null: no answer.</summary>
    private async Task<TikTokAnswer?> AuthorizedAsync(string channelId, Func<HttpRequestMessage> build, CancellationToken cancellationToken)
    {
        for (var refreshed = false; ; refreshed = true)
        {
            var token = await tokens.GetAccessTokenAsync(channelId, cancellationToken).ConfigureAwait(false);
            var answer = await SendAsync(build, token, cancellationToken).ConfigureAwait(false);
            if (answer is not { IsUnauthorized: true }) return answer;
            tokens.Invalidate(channelId);
            if (refreshed)
            {
                throw new PublishRejectedException(
                    $"tiktok refused a freshly refreshed token ({answer.ErrorCode}): access_token_invalid: {TikTokTokenProvider.ReauthorizeHint} " +
                    $"with scope {(options.Direct ? "video.publish" : "video.upload")}");
            }
            logger.LogWarning("TikTok answered {Status} {Code}; refreshing the access token once", answer.Status, answer.ErrorCode);
        }
    }

    private async Task<TikTokAnswer?> SendAsync(Func<HttpRequestMessage> build, string? token, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var request = build();
            if (token is not null) request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false);
            return TikTokAnswer.Parse((int)response.StatusCode, text);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning("TikTok did not answer within {Seconds:0} s", options.Timeout.TotalSeconds);
            return null;
        }
        catch (HttpRequestException ex)
        {
            logger.LogWarning("TikTok connection failed ({Error})", ex.HttpRequestError);
            return null;
        }
    }

    private async Task BackoffAsync(int attempt, TikTokAnswer? answer, CancellationToken cancellationToken)
    {
        // A rate limit waits out TikTok's one-minute window; other trouble backs off exponentially.
        var wait = answer is { IsRateLimited: true } ? TimeSpan.FromMinutes(1) : options.RetryBaseDelay * Math.Pow(2, Math.Min(attempt, 8));
        logger.LogInformation("TikTok {What}; retry in {Seconds:0.#} s", answer is null ? "gave no answer" : $"answered {answer.Status} {answer.ErrorCode}", wait.TotalSeconds);
        await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
    }

    private static PublishRejectedException Refused(string doing, TikTokAnswer answer) =>
        new($"tiktok refused {doing} ({answer.Status.ToString(CultureInfo.InvariantCulture)} {answer.ErrorCode}{(answer.Message is { } m ? ": " + m : "")})");
}
