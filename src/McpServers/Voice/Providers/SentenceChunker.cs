namespace AiVideo.McpServers.Voice.Providers;

/// <summary>
/// Splits narration into chunks of at most a given length, at sentence ends (. ! ? … followed by whitespace) where
/// possible, else at whitespace, else hard. Chunks keep whole words, so every script word is in exactly one chunk.
/// </summary>
public static class SentenceChunker
{
    public static IReadOnlyList<string> Split(string text, int maxChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxChars, 20);
        var chunks = new List<string>();
        var rest = text.Trim();
        while (rest.Length > maxChars)
        {
            var cut = LastSentenceEnd(rest, maxChars);
            if (cut <= 0) cut = rest.LastIndexOfAny([' ', '\n', '\t', '\r'], maxChars);
            if (cut <= 0) cut = maxChars;
            chunks.Add(rest[..cut].Trim());
            rest = rest[cut..].Trim();
        }
        if (rest.Length > 0) chunks.Add(rest);
        return chunks;
    }

    private static int LastSentenceEnd(string text, int maxChars)
    {
        for (var i = Math.Min(maxChars, text.Length - 1); i > 0; i--)
        {
            if (char.IsWhiteSpace(text[i]) && (IsSentenceEnd(text[i - 1]) || i > 1 && text[i - 1] is '"' or '\'' or ')' && IsSentenceEnd(text[i - 2])))
            {
                return i;
            }
        }
        return -1;
    }

    private static bool IsSentenceEnd(char c) => c is '.' or '!' or '?' or '…';
}
