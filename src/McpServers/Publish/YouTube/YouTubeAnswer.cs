using System.Net.Http.Headers;
using System.Text.Json;

namespace AiVideo.McpServers.Publish.YouTube;

/// <summary>
/// One answer from the YouTube upload endpoint, read once: status, <c>Location</c>, <c>Range</c>, and from the JSON body
/// either the video (<c>id</c>, <c>status.uploadStatus</c>, <c>status.privacyStatus</c>) or the error
/// (<c>error.errors[0].reason</c>, <c>error.message</c>).
/// </summary>
public sealed record YouTubeAnswer(int Code, Uri? Location, long? RangeEnd, string? VideoId, string? UploadStatus, string? PrivacyStatus,
    string? Reason, string? Message)
{
    private const int MaxMessageChars = 300;

    public bool IsRetryable => Code is 500 or 502 or 503 or 504;

    public bool IsCompleted => Code is 200 or 201 && VideoId is not null;

    /// <summary>The first byte the server still needs after a 308 (its <c>Range: bytes=0-N</c> + 1; 0 without a Range).</summary>
    public long NextOffset => RangeEnd is { } end ? end + 1 : 0;

    public static async Task<YouTubeAnswer> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        string? id = null, upload = null, privacy = null, reason = null, message = null;
        try
        {
            if (body.Length > 0)
            {
                using var document = JsonDocument.Parse(body);
                var root = document.RootElement;
                if (root.ValueKind == JsonValueKind.Object)
                {
                    id = Text(root, "id");
                    if (root.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object)
                    {
                        upload = Text(status, "uploadStatus");
                        privacy = Text(status, "privacyStatus");
                        reason = Text(status, "rejectionReason") ?? Text(status, "failureReason");
                    }
                    if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object)
                    {
                        message = Text(error, "message");
                        if (error.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0
                            && errors[0].ValueKind == JsonValueKind.Object)
                        {
                            reason = Text(errors[0], "reason");
                            message ??= Text(errors[0], "message");
                        }
                    }
                }
            }
        }
        catch (JsonException)
        {
            message = body.Trim();
        }
        if (message is { Length: > MaxMessageChars }) message = message[..MaxMessageChars] + "…";
        return new YouTubeAnswer((int)response.StatusCode, response.Headers.Location, RangeEndOf(response.Headers), id, upload, privacy, reason,
            string.IsNullOrWhiteSpace(message) ? null : message);
    }

    /// <summary><c>Range: bytes=0-N</c> → N.</summary>
    private static long? RangeEndOf(HttpResponseHeaders headers)
    {
        if (!headers.TryGetValues("Range", out var values)) return null;
        var text = values.FirstOrDefault()?.Trim();
        if (text is null || !text.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)) return null;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && long.TryParse(text[(dash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var end)
            ? end
            : null;
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } s ? s : null;
}
