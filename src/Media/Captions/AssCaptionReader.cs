using System.Globalization;
using System.Text.RegularExpressions;
using AiVideo.Core.Domain;

namespace AiVideo.Media.Captions;

/// <summary>
/// Reads back the cues of a subtitle file written by <see cref="AssCaptionWriter"/> — what was actually burned,
/// for the caption-sync gate. Lines are grouped by their cue name; a cue starts with its first line, and each
/// word's time is the start of the line that highlights it.
/// </summary>
public sealed partial class AssCaptionReader
{
    public IReadOnlyList<CaptionCue> Read(string assText)
    {
        var lines = new List<(string Cue, int Start, int End, string[] Words)>();
        foreach (var raw in assText.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (!line.StartsWith("Dialogue:", StringComparison.Ordinal)) continue;
            var fields = line["Dialogue:".Length..].Split(',', 10);
            if (fields.Length < 10) throw new FormatException($"malformed Dialogue line: {line}");
            var text = Unescape(Tags().Replace(fields[9], ""));
            lines.Add((fields[4], ParseTime(fields[1]), ParseTime(fields[2]), text.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
        }

        var cues = new List<CaptionCue>();
        foreach (var group in lines.GroupBy(l => l.Cue).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var cueLines = group.ToList();
            var words = cueLines[0].Words;
            var timings = words.Select((w, i) =>
            {
                var start = i < cueLines.Count ? cueLines[i].Start : cueLines[^1].Start;
                var end = i < cueLines.Count ? cueLines[i].End : cueLines[^1].End;
                return new WordTiming(w, start, end);
            }).ToList();
            cues.Add(new CaptionCue(cueLines[0].Start, cueLines[^1].End, timings));
        }
        return cues;
    }

    private static int ParseTime(string text)
    {
        var parts = text.Trim().Split(':', '.');
        if (parts.Length != 4) throw new FormatException($"bad ASS time '{text}'");
        var n = parts.Select(p => int.Parse(p, CultureInfo.InvariantCulture)).ToArray();
        return ((n[0] * 60 + n[1]) * 60 + n[2]) * 1000 + n[3] * 10;
    }

    private static string Unescape(string text) => text.Replace("\\{", "{").Replace("\\}", "}");

    [GeneratedRegex(@"(?<!\\)\{[^}]*\}")]
    private static partial Regex Tags();
}
