using System.Text.RegularExpressions;
using AiVideo.Core;

namespace AiVideo.Agents.Scripts;

/// <summary>
/// Reads a markdown brief: the first non-empty line is the title (a leading '#' is optional); each bullet
/// ('-', '*', '+' or '1.') is one fact; a line 'CTA: …' sets the call to action; a line 'Hashtags: #a #b'
/// adds hashtags. Other prose lines are facts too. A brief with no title or no facts is rejected.
/// </summary>
public sealed partial class BriefParser
{
    public const int MaxFacts = 12;
    public const int MaxFactLength = 400;

    public Brief Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"brief file '{path}' does not exist");
        }
        return Parse(File.ReadAllText(path), path);
    }

    public Brief Parse(string markdown, string source = "brief")
    {
        var lines = markdown.Replace("\r\n", "\n").Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        if (lines.Count == 0)
        {
            throw new InvalidInputException($"{source} is empty: expected a title line and at least one bullet fact");
        }
        var title = Clean(lines[0].TrimStart('#'));
        if (title.Length < 3)
        {
            throw new InvalidInputException($"{source}: the first line must be a title of at least 3 characters");
        }
        if (title.Length > 100)
        {
            throw new InvalidInputException($"{source}: title is {title.Length} characters; keep it to 100");
        }

        string? cta = null;
        var facts = new List<string>();
        var hashtags = new List<string>();
        foreach (var line in lines.Skip(1))
        {
            if (CtaLine().Match(line) is { Success: true } c)
            {
                cta = Clean(c.Groups["text"].Value);
                continue;
            }
            if (HashtagLine().Match(line) is { Success: true } h)
            {
                hashtags.AddRange(Regex.Matches(h.Groups["text"].Value, "#?([A-Za-z0-9_]{1,40})").Select(m => "#" + m.Groups[1].Value));
                continue;
            }
            if (line.StartsWith('#'))
            {
                continue; // a sub-heading organises the brief; it is not narration
            }
            var text = Clean(Bullet().Replace(line, ""));
            if (text.Length == 0) continue;
            if (text.Length > MaxFactLength)
            {
                throw new InvalidInputException($"{source}: a fact is {text.Length} characters; split it (max {MaxFactLength})");
            }
            facts.Add(EnsureSentence(text));
        }
        if (facts.Count == 0)
        {
            throw new InvalidInputException($"{source}: no facts found; add bullet lines like '- The Moon is drifting away from Earth.'");
        }
        if (facts.Count > MaxFacts)
        {
            throw new InvalidInputException($"{source}: {facts.Count} facts is too many for a short; keep it to {MaxFacts}");
        }
        return new Brief(title, facts, cta is { Length: > 0 } ? EnsureSentence(cta) : null, hashtags.Distinct().ToList());
    }

    private static string Clean(string text) =>
        Whitespace().Replace(text.Replace("**", "").Replace("__", "").Replace("`", ""), " ").Trim();

    private static string EnsureSentence(string text) => ".!?".Contains(text[^1]) ? text : text + ".";

    [GeneratedRegex(@"^(?:[-*+]|\d+[.)])\s+")]
    private static partial Regex Bullet();

    [GeneratedRegex(@"^(?:[-*+]\s+)?(?:\*\*)?CTA(?:\*\*)?\s*:\s*(?<text>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex CtaLine();

    [GeneratedRegex(@"^(?:[-*+]\s+)?hashtags\s*:\s*(?<text>.+)$", RegexOptions.IgnoreCase)]
    private static partial Regex HashtagLine();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
