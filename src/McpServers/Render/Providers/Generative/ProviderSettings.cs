using System.Globalization;

namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>Checks shared by the providers' options: a base URL, a price, a list of clip lengths.</summary>
internal static class ProviderSettings
{
    public static void CheckBaseUrl(string value, string key, List<string> errors)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add($"{key} must be an absolute http(s) URL");
        }
    }

    public static void CheckPrice(decimal value, string key, List<string> errors)
    {
        if (value < 0) errors.Add($"{key} must be 0 or more (USD per second of generated clip)");
    }

    /// <summary>"5,10" → [5, 10]; null when the text is not a list of whole seconds within <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static IReadOnlyList<int>? ParseLengths(string? text, int min, int max)
    {
        var parts = (text ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var lengths = new List<int>();
        foreach (var part in parts)
        {
            if (!int.TryParse(part, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) || seconds < min || seconds > max) return null;
            lengths.Add(seconds);
        }
        return lengths.Count == 0 ? null : lengths.Distinct().Order().ToList();
    }

    public static string TrimSlash(string url) => url.TrimEnd('/');
}
