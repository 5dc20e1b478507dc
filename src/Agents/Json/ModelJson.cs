using System.Text.Json;

namespace AiVideo.Agents.Json;

/// <summary>Pulls the JSON object out of a model's answer (models like to wrap it in prose or ``` fences).</summary>
public static class ModelJson
{
    /// <summary>The first complete top-level JSON object in <paramref name="text"/>, or the trimmed text when none parses.</summary>
    public static string ExtractObject(string? text)
    {
        var s = (text ?? "").Trim();
        for (var start = s.IndexOf('{'); start >= 0; start = s.IndexOf('{', start + 1))
        {
            var end = MatchingBrace(s, start);
            if (end < 0) continue;
            var candidate = s[start..(end + 1)];
            if (IsJson(candidate)) return candidate;
        }
        return s;
    }

    /// <summary>Parses the extracted object, or returns the parse error as one line.</summary>
    public static bool TryParse(string? text, out JsonElement root, out string error)
    {
        root = default;
        try
        {
            using var doc = JsonDocument.Parse(ExtractObject(text));
            root = doc.RootElement.Clone();
            error = root.ValueKind == JsonValueKind.Object ? "" : "the answer is not a JSON object";
            return error.Length == 0;
        }
        catch (JsonException ex)
        {
            error = "the answer is not valid JSON: " + ex.Message.Split('\n')[0];
            return false;
        }
    }

    private static bool IsJson(string candidate)
    {
        try
        {
            using var _ = JsonDocument.Parse(candidate);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static int MatchingBrace(string s, int start)
    {
        var depth = 0;
        var inString = false;
        for (var i = start; i < s.Length; i++)
        {
            var c = s[i];
            if (inString)
            {
                if (c == '\\') i++;
                else if (c == '"') inString = false;
                continue;
            }
            if (c == '"') inString = true;
            else if (c == '{') depth++;
            else if (c == '}' && --depth == 0) return i;
        }
        return -1;
    }
}
