using System.Text.Json;

namespace AiVideo.McpServers.Publish.TikTok;

/// <summary>One Content Posting API answer: HTTP status, <c>error.code</c>, <c>error.message</c> and the <c>data</c> object (cloned).</summary>
public sealed record TikTokAnswer(int Status, string ErrorCode, string? Message, JsonElement? Data)
{
    private const int MaxMessageChars = 300;

    public bool IsOk => Status is >= 200 and < 300 && ErrorCode == "ok";

    public bool IsRateLimited => Status == 429 || ErrorCode == "rate_limit_exceeded";

    public bool IsRetryable => Status >= 500 || ErrorCode == "internal_error";

    public bool IsUnauthorized => Status == 401 || ErrorCode is "access_token_invalid" or "scope_not_authorized";

    public string? Text(string name) =>
        Data is { ValueKind: JsonValueKind.Object } d && d.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String && v.GetString() is { Length: > 0 } s ? s : null;

    public static TikTokAnswer Parse(int status, string body)
    {
        string? code = null, message = null;
        JsonElement? data = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("data", out var d) && d.ValueKind == JsonValueKind.Object) data = d.Clone();
                if (root.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.Object)
                {
                    code = e.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
                    message = e.TryGetProperty("message", out var m) && m.ValueKind == JsonValueKind.String ? m.GetString() : null;
                }
            }
        }
        catch (JsonException)
        {
            message = body.Trim();
        }
        if (message is { Length: > MaxMessageChars }) message = message[..MaxMessageChars] + "…";
        // A 2xx without an error object is treated as ok (upload PUTs answer with an empty body).
        code ??= status is >= 200 and < 300 ? "ok" : $"http_{status}";
        return new TikTokAnswer(status, code, string.IsNullOrWhiteSpace(message) ? null : message, data);
    }
}
