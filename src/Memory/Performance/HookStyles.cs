using System.Text.RegularExpressions;

namespace AiVideo.Memory.Performance;

/// <summary>
/// The hook styles AiVideo tells apart, and a classifier for hooks written elsewhere (a model, an import without a
/// style). The classifier is a small set of phrase rules, good enough to group a channel's own videos.
/// </summary>
public static partial class HookStyles
{
    public const string Question = "question";
    public const string Curiosity = "curiosity";
    public const string Promise = "promise";
    public const string Shock = "shock";
    public const string FastFacts = "fast-facts";
    public const string Statement = "statement";

    public static IReadOnlyList<string> All { get; } = [Question, Curiosity, Promise, Shock, FastFacts, Statement];

    public static bool IsKnown(string style) => All.Contains(style);

    public static string Classify(string hook)
    {
        if (ShockPattern().IsMatch(hook)) return Shock;
        if (CuriosityPattern().IsMatch(hook)) return Curiosity;
        if (PromisePattern().IsMatch(hook)) return Promise;
        if (FastFactsPattern().IsMatch(hook)) return FastFacts;
        if (hook.TrimEnd().EndsWith('?')) return Question;
        return Statement;
    }

    [GeneratedRegex(@"\b(won't believe|shocking|insane|crazy|wild)\b", RegexOptions.IgnoreCase)]
    private static partial Regex ShockPattern();

    [GeneratedRegex(@"\b(nobody tells you|no one tells you|secret|hidden|almost nobody|what they don't)\b", RegexOptions.IgnoreCase)]
    private static partial Regex CuriosityPattern();

    [GeneratedRegex(@"\b(stay to the end|wait for it|by the end|watch till)\b", RegexOptions.IgnoreCase)]
    private static partial Regex PromisePattern();

    [GeneratedRegex(@"\b(facts|in under a minute|\d+ things|in \d+ seconds)\b", RegexOptions.IgnoreCase)]
    private static partial Regex FastFactsPattern();
}
