using System.Globalization;
using System.Text.Json;

namespace AiVideo.Memory.Analytics;

/// <summary>Tolerant readers for the numbers and ids of analytics API responses (a number may come as a JSON string).</summary>
internal static class AnalyticsJson
{
    /// <summary>The value as a double; 0 when it is missing, null or not a number.</summary>
    public static double ReadDouble(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Number => value.GetDouble(),
        JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => 0,
    };

    /// <summary>The value as a whole count; 0 when it is missing, null or not a number.</summary>
    public static long ReadLong(JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var whole)) return whole;
        if (value.ValueKind == JsonValueKind.String && long.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)) return parsed;
        var number = ReadDouble(value);
        return double.IsFinite(number) ? (long)Math.Clamp(Math.Round(number), long.MinValue, long.MaxValue) : 0;
    }

    /// <summary>An id given as a JSON string or number, as text; null for anything else.</summary>
    public static string? ReadId(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number => value.GetRawText(),
        _ => null,
    };

    /// <summary>A property of an object, or <c>default</c> (kind Undefined) when the element is no object or lacks it.</summary>
    public static JsonElement Property(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) ? value : default;

    /// <summary>A body parsed as JSON, or null when it is not JSON.</summary>
    public static JsonDocument? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body)) return null;
        try
        {
            return JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>At most <paramref name="max"/> characters of a body, for an error message.</summary>
    public static string Snippet(string body, int max = 200)
    {
        var text = body.Trim();
        return text.Length <= max ? text : text[..max] + "…";
    }
}
