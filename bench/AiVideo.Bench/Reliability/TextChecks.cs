namespace AiVideo.Bench.Reliability;

/// <summary>The checker's own reading of published text: brand spelling, banned words (token rules, edit distance).</summary>
public static class TextChecks
{
    /// <summary>Tokens that look like a brand word (same letters ignoring case, or within a small edit distance) without being it.</summary>
    public static IReadOnlyList<string> Misspelled(string text, IReadOnlyList<string> brandWords)
    {
        var found = new List<string>();
        var tokens = AssCaptions.Tokens(text);
        foreach (var brand in brandWords)
        {
            var brandTokens = AssCaptions.Tokens(brand);
            if (brandTokens.Count != 1)
            {
                // A multi-word brand: the phrase in any case must be the exact phrase.
                for (var at = text.IndexOf(brand, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(brand, at + 1, StringComparison.OrdinalIgnoreCase))
                {
                    if (string.CompareOrdinal(text, at, brand, 0, brand.Length) != 0) found.Add(text.Substring(at, brand.Length));
                }
                continue;
            }
            var b = brandTokens[0];
            foreach (var t in tokens)
            {
                if (t == b || t.Length < 3) continue;
                // Short brands: a case variant or one wrong letter (same length); longer ones: a small edit distance.
                var distance = EditDistance(t.ToLowerInvariant(), b.ToLowerInvariant());
                var near = b.Length <= 5 ? t.Length == b.Length && distance <= 1 : distance <= CheckThresholds.BrandEditDistance(b);
                if (string.Equals(t, b, StringComparison.OrdinalIgnoreCase) || near) found.Add(t);
            }
        }
        return found;
    }

    public static IReadOnlyList<string> Banned(string text, IReadOnlyList<string> bannedWords) =>
        bannedWords.Where(w => AssCaptions.Tokens(w).Count == 1
            ? AssCaptions.Tokens(text).Contains(w, StringComparer.OrdinalIgnoreCase)
            : text.Contains(w, StringComparison.OrdinalIgnoreCase)).ToList();

    public static int EditDistance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        var current = new int[b.Length + 1];
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
