using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Publish.YouTube;

/// <summary>Where YouTube's processing of an uploaded video ended up when the watch stopped.</summary>
public sealed record ProcessingOutcome(string UploadStatus, string? Reason)
{
    public bool Failed => UploadStatus is "failed" or "rejected" or "deleted";

    public bool Processed => UploadStatus == "processed";
}

/// <summary>
/// After the last byte: polls <c>GET {ApiBaseUrl}/videos?part=status,processingDetails&amp;id=…</c> every
/// <c>ProcessingPollInterval</c> until <c>status.uploadStatus</c> is processed, failed or rejected, for at most
/// <c>ProcessingMaxWait</c> (0 turns the watch off). Best effort: a poll that fails ends the watch with what is known.
/// </summary>
public sealed class YouTubeProcessingWatch(YouTubeOptions options, YouTubeTokenProvider tokens, HttpClient http, TimeProvider time,
    ILogger<YouTubeProcessingWatch> logger)
{
    public async Task<ProcessingOutcome> WaitAsync(string channelId, string videoId, string uploadStatus, CancellationToken cancellationToken)
    {
        var outcome = new ProcessingOutcome(uploadStatus, null);
        if (options.ProcessingMaxWait <= TimeSpan.Zero) return outcome;
        var deadline = time.GetUtcNow() + options.ProcessingMaxWait;
        while (true)
        {
            var polled = await PollAsync(channelId, videoId, cancellationToken).ConfigureAwait(false);
            if (polled is null) return outcome;
            outcome = polled;
            if (outcome.Processed || outcome.Failed) return outcome;
            if (time.GetUtcNow() + options.ProcessingPollInterval > deadline)
            {
                logger.LogInformation("YouTube still processing {VideoId} after {Seconds:0} s; recording it as uploaded", videoId, options.ProcessingMaxWait.TotalSeconds);
                return outcome;
            }
            await Task.Delay(options.ProcessingPollInterval, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<ProcessingOutcome?> PollAsync(string channelId, string videoId, CancellationToken cancellationToken)
    {
        var url = new Uri($"{options.ApiBaseUrl.AbsoluteUri.TrimEnd('/')}/videos?part=status,processingDetails&id={Uri.EscapeDataString(videoId)}");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await tokens.GetAccessTokenAsync(channelId, cancellationToken).ConfigureAwait(false));
            using var response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                logger.LogWarning("YouTube processing status of {VideoId} answered {Status}; not waiting further", videoId, (int)response.StatusCode);
                return null;
            }
            using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
            if (!document.RootElement.TryGetProperty("items", out var items) || items.ValueKind != JsonValueKind.Array || items.GetArrayLength() == 0
                || !items[0].TryGetProperty("status", out var status) || status.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var upload = Text(status, "uploadStatus");
            return upload is null ? null : new ProcessingOutcome(upload, Text(status, "rejectionReason") ?? Text(status, "failureReason"));
        }
        catch (Exception ex) when (ex is HttpRequestException or JsonException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning("YouTube processing status of {VideoId} unavailable ({Error}); not waiting further", videoId, ex.GetType().Name);
            return null;
        }
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
