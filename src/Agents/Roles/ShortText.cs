namespace AiVideo.Agents.Roles;

/// <summary>One-line, bounded renderings of arguments and results for terminals and reports.</summary>
public static class ShortText
{
    public static string Of(string? text, int max)
    {
        var oneLine = string.Join(' ', (text ?? "").Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= max ? oneLine : oneLine[..Math.Max(0, max - 1)] + "…";
    }
}
