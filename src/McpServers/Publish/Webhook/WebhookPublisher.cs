using System.Net.Http.Headers;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Core.Publishing;
using AiVideo.McpServers.Publish.Platforms;
using AiVideo.Media.Probing;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.Webhook;

/// <summary>
/// Publishes by POSTing a signed request to a webhook (an n8n Webhook node): the metadata with a video URL (json mode)
/// or the file itself (multipart mode). Exactly once per idempotency key against the receiver's answers:
/// the intent is recorded in <c>platform_posts</c> before the bytes leave, a 202's status URL is recorded before it
/// is polled, and a repeated key with a live record returns the first receipt without sending anything.
/// 200/201 → live; 202 → poll the status URL (bounded by MaxWait); 408/429/5xx → bounded retries (Retry-After
/// honoured); other 4xx → <see cref="PublishRejectedException"/>; no answer → transient error, intent left pending.
/// </summary>
public sealed class WebhookPublisher : IPublisher
{
    public const string ProviderName = "webhook";

    private readonly WebhookOptions _options;
    private readonly PlatformPostLedger _ledger;
    private readonly MediaProbe _probe;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger<WebhookPublisher> _logger;

    public WebhookPublisher(WebhookOptions options, PlatformPostLedger ledger, MediaProbe probe, HttpClient http, TimeProvider time, ILogger<WebhookPublisher> logger)
    {
        if (options.Validate() is { Count: > 0 } errors) throw new InvalidOperationException(string.Join("; ", errors));
        _options = options;
        _ledger = ledger;
        _probe = probe;
        _http = http;
        _time = time;
        _logger = logger;
    }

    public string Name => ProviderName;

    public bool Supports(string platform) => platform == PlatformNames.Webhook;

    public async Task<PublishReceipt> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        if (!Supports(request.Platform)) throw new InvalidInputException($"the webhook publisher only publishes the '{PlatformNames.Webhook}' platform, not '{request.Platform}'");
        PlatformLimits.Validate(request.Platform, request.Metadata);
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > 128)
        {
            throw new InvalidInputException("idempotencyKey must be 1..128 characters");
        }
        var durationSec = await ProbeDurationAsync(request.VideoPath, cancellationToken).ConfigureAwait(false);
        var sha = await IdempotencyKeys.FileSha256Async(request.VideoPath, cancellationToken).ConfigureAwait(false);

        var (post, started) = _ledger.Begin(request.IdempotencyKey, request.Platform, ProviderName, request.Metadata.ChannelId, sha);
        if (post is { State: PlatformPostState.Live, Receipt: { } live })
        {
            _logger.LogInformation("Key {Key} already live on the webhook as {ExternalId}; nothing sent", request.IdempotencyKey, live.ExternalId);
            return live with { Duplicate = true };
        }
        if (!started && post.StatusUrl is { } recordedStatus)
        {
            _logger.LogInformation("Key {Key} was accepted earlier; following its status URL instead of posting again", request.IdempotencyKey);
            return await FollowAsync(request.Platform, request.IdempotencyKey, recordedStatus, post.Handle, cancellationToken).ConfigureAwait(false);
        }
        if (!started)
        {
            // An earlier attempt was sent but its answer never came (crash or timeout). The receiver sees the same
            // Idempotency-Key again and is expected to answer with its first receipt (README: residual risk).
            _logger.LogWarning("Key {Key}: an earlier webhook attempt has an unknown result; sending again with the same Idempotency-Key", request.IdempotencyKey);
        }

        var size = new FileInfo(request.VideoPath).Length;
        string? videoUrl = null;
        if (_options.Mode == WebhookMode.Json)
        {
            await ServeMediaAsync(request.VideoPath, sha, cancellationToken).ConfigureAwait(false);
            videoUrl = WebhookPayload.VideoUrl(_options.PublicBaseUrl!, sha);
        }
        var metadata = WebhookPayload.Build(request, sha, size, durationSec, videoUrl);
        var answer = await PostWithRetriesAsync(request, metadata, cancellationToken).ConfigureAwait(false);

        switch (answer.Code)
        {
            case 200 or 201:
                if (answer.State is "failed") throw Rejected(request.IdempotencyKey, $"webhook answered {answer.Code} with status failed: {answer.Reason ?? "no reason given"}");
                return Live(request.Platform, request.IdempotencyKey, answer.Id, answer.Url, answer.Id is null ? "accepted" : answer.State ?? PublishedStatus, fallbackLocation: null);
            case 202 when answer.StatusUrl is { } statusUrl:
                _ledger.RecordHandle(request.IdempotencyKey, answer.Id, statusUrl);
                return await FollowAsync(request.Platform, request.IdempotencyKey, statusUrl, answer.Id, cancellationToken).ConfigureAwait(false);
            case 202:
                // Accepted, with no way offered to follow it: the receiver took responsibility for the post.
                return Live(request.Platform, request.IdempotencyKey, answer.Id, answer.Url, "accepted", fallbackLocation: null);
            case >= 200 and < 300:
                return Live(request.Platform, request.IdempotencyKey, answer.Id, answer.Url, "accepted", fallbackLocation: null);
            case 408 or 429 or >= 500:
                throw new TransientProviderException(Scrub(
                    $"webhook answered {answer.Code} after {_options.MaxRetries + 1} attempts{Because(answer)}; the intent stays pending and a retry sends the same Idempotency-Key"));
            default:
                throw Rejected(request.IdempotencyKey, ClientErrorMessage(answer));
        }
    }

    public async Task<PublishReceipt?> FindAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        switch (_ledger.Find(idempotencyKey))
        {
            case { State: PlatformPostState.Live, Receipt: { } receipt }:
                return receipt;
            case { State: PlatformPostState.Pending, StatusUrl: { } statusUrl } post:
                var answer = await AskStatusAsync(statusUrl, idempotencyKey, cancellationToken).ConfigureAwait(false)
                    ?? throw new TransientProviderException("webhook status URL did not answer; the post stays pending");
                return Settle(post.Platform, idempotencyKey, statusUrl, post.Handle, answer, throwOnFailure: false);
            default:
                // Nothing recorded, refused for good, or pending without a handle (sent, no answer): nothing we can ask.
                return null;
        }
    }

    private const string PublishedStatus = "published";

    private async Task<PublishReceipt> FollowAsync(string platform, string key, string statusUrl, string? handle, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + _options.MaxWait;
        WebhookAnswer? last = null;
        while (true)
        {
            last = await AskStatusAsync(statusUrl, key, cancellationToken).ConfigureAwait(false) ?? last;
            if (last is not null && Settle(platform, key, statusUrl, handle, last, throwOnFailure: true) is { } receipt) return receipt;
            if (_time.GetUtcNow() + _options.StatusPollInterval > deadline)
            {
                throw new TransientProviderException(
                    $"webhook post not confirmed within {_options.MaxWait.TotalSeconds:0} s (last status: {last?.State ?? (last is null ? "no answer" : $"HTTP {last.Code}")}); " +
                    "the intent stays pending with its status URL: find_publication or a retry asks it again, nothing is posted twice");
            }
            await Task.Delay(_options.StatusPollInterval, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Published → live receipt; failed → recorded (and thrown when asked); anything else → null (still pending).</summary>
    private PublishReceipt? Settle(string platform, string key, string statusUrl, string? handle, WebhookAnswer answer, bool throwOnFailure)
    {
        if (answer.Code is >= 200 and < 300 && answer.State is "published" or "live")
        {
            return Live(platform, key, answer.Id ?? handle, answer.Url, PublishedStatus, fallbackLocation: statusUrl);
        }
        if (answer.Code is >= 200 and < 300 && answer.State is "failed")
        {
            var message = $"webhook status says failed: {answer.Reason ?? "no reason given"}";
            _ledger.MarkFailed(key, message);
            _logger.LogWarning("Webhook post {Key} failed: {Reason}", key, answer.Reason);
            if (throwOnFailure) throw new PublishRejectedException(Scrub(message));
        }
        return null;
    }

    private PublishReceipt Live(string platform, string key, string? id, string? url, string status, string? fallbackLocation)
    {
        var receipt = new PublishReceipt(platform, key, id ?? $"webhook-{key[..Math.Min(12, key.Length)]}", url ?? fallbackLocation ?? _options.Url!.GetLeftPart(UriPartial.Path),
            status, _time.GetUtcNow(), Duplicate: false);
        var recorded = _ledger.MarkLive(receipt);
        _logger.LogInformation("Webhook post {Key} live as {ExternalId}", key, recorded.ExternalId);
        return recorded;
    }

    private PublishRejectedException Rejected(string key, string message)
    {
        var safe = Scrub(message);
        _ledger.MarkFailed(key, safe);
        _logger.LogWarning("Webhook post {Key} refused: {Message}", key, safe);
        return new PublishRejectedException(safe);
    }

    private async Task<WebhookAnswer> PostWithRetriesAsync(PublishRequest request, byte[] metadata, CancellationToken cancellationToken)
    {
        var url = _options.Url!;
        for (var attempt = 0; ; attempt++)
        {
            var last = attempt >= _options.MaxRetries;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(_options.Timeout);
            WebhookAnswer answer;
            try
            {
                using var message = new HttpRequestMessage(HttpMethod.Post, url) { Content = Content(request, metadata) };
                Sign(message, request.IdempotencyKey, metadata);
                using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                answer = await WebhookAnswer.ReadAsync(response, url, _time, timeout.Token).ConfigureAwait(false);
            }
            catch (HttpRequestException ex) when (ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError)
            {
                // Refused before anything was sent: safe to try again.
                if (last)
                {
                    throw new TransientProviderException(
                        $"webhook {url.Host}:{url.Port} unreachable ({ex.HttpRequestError}) after {attempt + 1} attempts; nothing was sent");
                }
                _logger.LogWarning("Webhook {Host} unreachable ({Error}); retry {Attempt}", url.Host, ex.HttpRequestError, attempt + 1);
                await Task.Delay(Backoff(attempt), _time, cancellationToken).ConfigureAwait(false);
                continue;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TransientProviderException(
                    $"webhook sent no answer within {_options.Timeout.TotalSeconds:0} s: the post may have landed; the intent stays pending and a retry sends the same Idempotency-Key");
            }
            catch (HttpRequestException ex)
            {
                throw new TransientProviderException(
                    $"webhook request failed ({ex.HttpRequestError}): the result is unknown; the intent stays pending and a retry sends the same Idempotency-Key");
            }
            if (!answer.IsRetryable || last) return answer;
            var wait = answer.RetryAfter ?? Backoff(attempt);
            if (wait > _options.MaxWait) wait = _options.MaxWait;
            _logger.LogWarning("Webhook answered {Status}; retry {Attempt} in {Seconds:0.#} s", answer.Code, attempt + 1, wait.TotalSeconds);
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>One signed GET of a status URL; null when it could not be reached or did not answer in time.</summary>
    private async Task<WebhookAnswer?> AskStatusAsync(string statusUrl, string key, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var uri = new Uri(statusUrl);
            using var message = new HttpRequestMessage(HttpMethod.Get, uri);
            Sign(message, key, []);
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            return await WebhookAnswer.ReadAsync(response, uri, _time, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
        catch (HttpRequestException ex)
        {
            _logger.LogWarning("Webhook status URL unreachable ({Error})", ex.HttpRequestError);
            return null;
        }
    }

    private HttpContent Content(PublishRequest request, byte[] metadata)
    {
        if (_options.Mode == WebhookMode.Json)
        {
            var json = new ByteArrayContent(metadata);
            json.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
            return json;
        }
        var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(metadata);
        part.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        part.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"metadata\"" };
        form.Add(part);
        var video = new StreamContent(File.OpenRead(request.VideoPath), 81920);
        video.Headers.ContentType = new MediaTypeHeaderValue("video/mp4");
        video.Headers.ContentDisposition = new ContentDispositionHeaderValue("form-data") { Name = "\"video\"", FileName = "\"video.mp4\"" };
        form.Add(video);
        return form;
    }

    private void Sign(HttpRequestMessage message, string key, byte[] signed)
    {
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds();
        message.Headers.Add(WebhookSignature.IdempotencyHeader, key);
        message.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (_options.Signed) message.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Compute(_options.Secret!, timestamp, signed));
    }

    private TimeSpan Backoff(int attempt) => _options.RetryBaseDelay * Math.Pow(2, attempt);

    private async Task ServeMediaAsync(string videoPath, string sha, CancellationToken cancellationToken)
    {
        var target = Path.Combine(_options.MediaDirectory, sha + ".mp4");
        if (File.Exists(target)) return;
        Directory.CreateDirectory(_options.MediaDirectory);
        var staging = target + "." + Guid.NewGuid().ToString("N") + ".tmp";
        try
        {
            await using (var source = File.OpenRead(videoPath))
            await using (var destination = File.Create(staging))
            {
                await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
            }
            File.Move(staging, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(staging)) File.Delete(staging);
        }
    }

    private async Task<double> ProbeDurationAsync(string path, CancellationToken cancellationToken)
    {
        MediaInfo info;
        try
        {
            info = await _probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw new InvalidInputException($"'{Path.GetFileName(path)}' is not a video file");
        }
        if (info.VideoCodec is null || info.Width == 0) throw new InvalidInputException($"'{Path.GetFileName(path)}' has no video stream");
        return info.DurationSec;
    }

    private static string ClientErrorMessage(WebhookAnswer answer) => answer.Code switch
    {
        401 or 403 => $"webhook answered {answer.Code}: check Publish:Webhook:Secret (or AIVIDEO_WEBHOOK_SECRET) and the n8n credential{Because(answer)}",
        404 => $"webhook answered 404: check Publish:Webhook:Url (is the n8n workflow active? its test URL differs from the production URL){Because(answer)}",
        410 => $"webhook answered 410: the receiver no longer accepts posts at Publish:Webhook:Url{Because(answer)}",
        _ => $"webhook answered {answer.Code}: the receiver refused the post{Because(answer)}",
    };

    private static string Because(WebhookAnswer answer) => answer.Reason is { } reason ? $" ({reason})" : "";

    private string Scrub(string message) =>
        _options.Signed ? message.Replace(_options.Secret!, "***", StringComparison.Ordinal) : message;
}
