using System.Text.Json;

namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>Reads a value at a path of property names and array indexes, or null when any step is missing or of another kind.</summary>
internal static class JsonPath
{
    public static JsonElement? Get(JsonElement element, params object[] path)
    {
        var current = element;
        foreach (var step in path)
        {
            switch (step)
            {
                case string name when current.ValueKind == JsonValueKind.Object && current.TryGetProperty(name, out var next):
                    current = next;
                    break;
                case int index when current.ValueKind == JsonValueKind.Array && index < current.GetArrayLength():
                    current = current[index];
                    break;
                default:
                    return null;
            }
        }
        return current.ValueKind is JsonValueKind.Null or JsonValueKind.Undefined ? null : current;
    }

    public static string? String(JsonElement element, params object[] path) =>
        Get(element, path) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public static Uri? Url(JsonElement element, params object[] path) =>
        Uri.TryCreate(String(element, path), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : null;
}
