using System.Net;
using System.Text.Json;

namespace AiVideo.McpServers.Publish.Webhook;

/// <summary>
/// One answer from the receiver, read once: status code, the few headers that matter and the JSON fields we use
/// (<c>id</c>, <c>url</c>, <c>status</c>, <c>statusUrl</c>, <c>reason</c>/<c>message</c>/<c>error</c>).
/// </summary>
public sealed record WebhookAnswer(HttpStatusCode Status, string? Id, string? Url, string? State, string? StatusUrl, string? Reason, TimeSpan? RetryAfter)
{
    private const int MaxBodyChars = 64 * 1024;
    private const int MaxReasonChars = 300;

    public int Code => (int)Status;

    public bool IsRetryable => Code is 408 or 429 or >= 500;

    public static async Task<WebhookAnswer> ReadAsync(HttpResponseMessage response, Uri requestUri, TimeProvider time, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (body.Length > MaxBodyChars) body = body[..MaxBodyChars];
        string? id = null, url = null, state = null, statusUrl = null, reason = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                var root = document.RootElement;
                id = Text(root, "id");
                url = Text(root, "url");
                state = Text(root, "status")?.ToLowerInvariant();
                statusUrl = Text(root, "statusUrl");
                reason = Text(root, "reason") ?? Text(root, "message") ?? Text(root, "error");
            }
        }
        catch (JsonException)
        {
            reason = body.Trim();
        }
        if (reason is { Length: > MaxReasonChars }) reason = reason[..MaxReasonChars] + "…";
        statusUrl ??= response.Headers.Location?.OriginalString;
        if (statusUrl is not null)
        {
            statusUrl = Uri.TryCreate(requestUri, statusUrl, out var absolute) && absolute.Scheme is "http" or "https" ? absolute.AbsoluteUri : null;
        }
        return new WebhookAnswer(response.StatusCode, id, url, state, statusUrl, string.IsNullOrWhiteSpace(reason) ? null : reason,
            RetryAfterOf(response, time));
    }

    private static TimeSpan? RetryAfterOf(HttpResponseMessage response, TimeProvider time)
    {
        if (response.Headers.RetryAfter is not { } retry) return null;
        if (retry.Delta is { } delta) return delta;
        return retry.Date is { } date ? (date - time.GetUtcNow()) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero : null;
    }

    private static string? Text(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var value)) return null;
        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } s ? s : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }
}
