using System.Globalization;
using System.Text.RegularExpressions;

namespace AiVideo.Bench.Reliability;

/// <summary>One Dialogue event of an .ass file: when it shows and its plain text (override tags removed).</summary>
public sealed record CaptionEvent(double StartSec, double EndSec, string Text);

/// <summary>A spoken word with its time in the narration.</summary>
public sealed record TimedWord(string Word, double StartSec, double EndSec);

/// <summary>The checker's own reader of burned-in captions (.ass) and its comparison with the narration's word timings.</summary>
public static partial class AssCaptions
{
    public static IReadOnlyList<CaptionEvent> Parse(string text)
    {
        var events = new List<CaptionEvent>();
        var inEvents = false;
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith('[')) { inEvents = line.Trim() == "[Events]"; continue; }
            if (!inEvents || !line.StartsWith("Dialogue:", StringComparison.Ordinal)) continue;
            // Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text (Text may contain commas).
            var fields = line["Dialogue:".Length..].Split(',', 10);
            if (fields.Length < 10) continue;
            events.Add(new CaptionEvent(Time(fields[1]), Time(fields[2]), Plain(fields[9])));
        }
        return events;
    }

    /// <summary>
    /// Problems with the captions against the narration: every spoken word must be on screen while it is spoken (a
    /// caption containing the word starts within <see cref="CheckThresholds.CaptionToleranceSec"/> of the word and
    /// overlaps it), captions never outlast the video, and no word is timed past the end of the audio.
    /// </summary>
    public static IReadOnlyList<string> Compare(IReadOnlyList<CaptionEvent> events, IReadOnlyList<TimedWord> words, double? videoSec, double? audioSec)
    {
        var problems = new List<string>();
        if (events.Count == 0) return ["no caption events"];
        var tol = CheckThresholds.CaptionToleranceSec;
        var unmatched = new List<string>();
        foreach (var w in words)
        {
            var token = Token(w.Word);
            if (token.Length == 0) continue;
            var shown = events.Any(e => e.StartSec <= w.StartSec + tol && e.EndSec >= w.StartSec - tol && e.EndSec > e.StartSec
                && Tokens(e.Text).Contains(token, StringComparer.OrdinalIgnoreCase));
            if (!shown) unmatched.Add($"{w.Word}@{w.StartSec:0.00}s");
        }
        if (unmatched.Count > 0) problems.Add($"{unmatched.Count} of {words.Count} spoken words not captioned while spoken (e.g. {string.Join(", ", unmatched.Take(3))})");
        var lastCaption = events.Max(e => e.EndSec);
        if (videoSec is { } v && lastCaption > v + tol) problems.Add($"captions run to {lastCaption:0.00} s, the video ends at {v:0.00} s");
        if (words.Count > 0 && audioSec is { } a && words[^1].EndSec > a + CheckThresholds.AvToleranceSec)
        {
            problems.Add($"narration timed to {words[^1].EndSec:0.00} s but the audio ends at {a:0.00} s");
        }
        return problems;
    }

    public static IReadOnlyList<string> Tokens(string text) => WordPattern().Matches(text).Select(m => m.Value).ToList();

    private static string Token(string word) => WordPattern().Match(word) is { Success: true } m ? m.Value : "";

    private static string Plain(string text) => TagPattern().Replace(text, "").Replace("\\N", " ", StringComparison.Ordinal).Replace("\\n", " ", StringComparison.Ordinal);

    private static double Time(string text)
    {
        // H:MM:SS.cc
        var parts = text.Trim().Split(':');
        return parts.Length == 3
            ? int.Parse(parts[0], CultureInfo.InvariantCulture) * 3600 + int.Parse(parts[1], CultureInfo.InvariantCulture) * 60 + double.Parse(parts[2], CultureInfo.InvariantCulture)
            : throw new FormatException($"bad .ass time '{text}'");
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex TagPattern();

    [GeneratedRegex(@"[\p{L}\p{N}']+")]
    private static partial Regex WordPattern();
}
