using System.Text.Json;

namespace AiVideo.Memory.Pinecone;

/// <summary>
/// The human-readable message in a Pinecone error body — <c>{"code":..,"message":".."}</c> or
/// <c>{"error":{"code":..,"message":".."}}</c>, else the (shortened) body text — with the API key scrubbed out.
/// </summary>
internal static class PineconeErrorBody
{
    private const int MaxLength = 1000;

    public static string? Message(string body, string apiKey)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        var message = FromJson(body) ?? body.Trim();
        if (message.Length > MaxLength) message = message[..MaxLength] + "…";
        return apiKey.Length > 0 ? message.Replace(apiKey, "***", StringComparison.Ordinal) : message;
    }

    private static string? FromJson(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind == JsonValueKind.String) return root.GetString();
            if (root.ValueKind != JsonValueKind.Object) return null;
            if (root.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String) return error.GetString();
                if (error.ValueKind == JsonValueKind.Object) root = error;
            }
            return root.TryGetProperty("message", out var message) && message.ValueKind == JsonValueKind.String ? message.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
