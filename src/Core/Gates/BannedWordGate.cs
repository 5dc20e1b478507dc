using System.Text.RegularExpressions;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Gates;

/// <summary>No banned word may appear as a whole word, in any case.</summary>
public sealed class BannedWordGate
{
    public GateResult Evaluate(string text, IReadOnlyList<string> bannedWords)
    {
        var found = bannedWords
            .Where(w => !string.IsNullOrWhiteSpace(w))
            .Where(w => Regex.IsMatch(text, $@"(?<![\p{{L}}\p{{N}}]){Regex.Escape(w.Trim())}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant))
            .ToList();
        return found.Count == 0
            ? GateResult.Pass(GateNames.ScriptBannedWords, "no banned words", 0, 0)
            : GateResult.Fail(GateNames.ScriptBannedWords, "banned words present: " + string.Join(", ", found), found.Count, 0);
    }
}
