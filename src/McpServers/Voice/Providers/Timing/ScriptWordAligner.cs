using System.Text;
using AiVideo.Core.Domain;

namespace AiVideo.McpServers.Voice.Providers.Timing;

/// <summary>
/// Puts one timing on every whitespace-separated word of the <b>script</b> (never the provider's words) from the words a
/// provider reports (a transcription, or words built from a character alignment). The two sequences are aligned by edit
/// distance over normalised words (case and punctuation ignored), so inserted and dropped words, and numbers
/// the provider spelled out ("3" → "three"), do not shift the rest. A matched script word takes its heard word's time;
/// a run of unmatched script words shares the gap between its matched neighbours, split by length. Results are in
/// order, monotonic and inside [0, duration].
/// </summary>
public static class ScriptWordAligner
{
    public static IReadOnlyList<WordTiming> Align(IReadOnlyList<string> scriptWords, IReadOnlyList<HeardWord> heard, int durationMs)
    {
        var n = scriptWords.Count;
        var m = heard.Count;
        var match = new int[n];
        Array.Fill(match, -1);
        var script = scriptWords.Select(Normalize).ToArray();
        var spoken = heard.Select(h => Normalize(h.Text)).ToArray();

        // Edit distance; equal normalised words cost 0, anything else 1.
        var d = new int[n + 1, m + 1];
        for (var i = 0; i <= n; i++) d[i, 0] = i;
        for (var j = 0; j <= m; j++) d[0, j] = j;
        for (var i = 1; i <= n; i++)
        {
            for (var j = 1; j <= m; j++)
            {
                var diagonal = d[i - 1, j - 1] + (script[i - 1] == spoken[j - 1] ? 0 : 1);
                d[i, j] = Math.Min(diagonal, Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1));
            }
        }
        for (int i = n, j = m; i > 0 && j > 0;)
        {
            if (script[i - 1] == spoken[j - 1] && d[i, j] == d[i - 1, j - 1])
            {
                match[i - 1] = j - 1;
                i--;
                j--;
            }
            else if (d[i, j] == d[i - 1, j - 1] + 1) { i--; j--; }
            else if (d[i, j] == d[i - 1, j] + 1) i--;
            else j--;
        }

        var timings = new WordTiming[n];
        var lastEnd = 0;
        for (var i = 0; i < n;)
        {
            if (match[i] >= 0)
            {
                var h = heard[match[i]];
                var start = Math.Clamp(h.StartMs, lastEnd, durationMs);
                var end = Math.Clamp(h.EndMs, start, durationMs);
                timings[i] = new WordTiming(scriptWords[i], start, end);
                lastEnd = end;
                i++;
                continue;
            }
            var runEnd = i;
            while (runEnd < n && match[runEnd] < 0) runEnd++;
            var from = lastEnd;
            var to = runEnd < n ? Math.Clamp(heard[match[runEnd]].StartMs, from, durationMs) : durationMs;
            var weights = Enumerable.Range(i, runEnd - i).Select(k => Math.Max(1, scriptWords[k].Length)).ToArray();
            var total = weights.Sum();
            var cursor = 0;
            for (var k = i; k < runEnd; k++)
            {
                var start = from + (int)((long)(to - from) * cursor / total);
                cursor += weights[k - i];
                var end = from + (int)((long)(to - from) * cursor / total);
                timings[k] = new WordTiming(scriptWords[k], start, end);
            }
            lastEnd = to;
            i = runEnd;
        }
        return timings;
    }

    /// <summary>Whitespace-separated words, as the captions count them.</summary>
    public static IReadOnlyList<string> Words(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Lower case letters and digits (punctuation dropped; accents kept); a word of only symbols (an emoji) stays itself.</summary>
    public static string Normalize(string word)
    {
        var builder = new StringBuilder(word.Length);
        foreach (var c in word)
        {
            if (char.IsLetterOrDigit(c)) builder.Append(char.ToLowerInvariant(c));
        }
        return builder.Length > 0 ? builder.ToString() : word;
    }
}
