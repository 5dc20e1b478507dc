using System.Text;
using System.Text.RegularExpressions;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Gates;

/// <summary>
/// Every mention of a brand word must be spelled exactly as the channel gives it. A mention is any run of
/// the brand's letters in order, ignoring case and separators ("Eleven Labs", "elevenlabs" for "ElevenLabs").
/// </summary>
public sealed class BrandWordGate
{
    public GateResult Evaluate(string text, IReadOnlyList<string> brandWords)
    {
        var misspelled = new List<string>();
        var mentions = 0;
        foreach (var brand in brandWords.Where(b => !string.IsNullOrWhiteSpace(b)))
        {
            foreach (Match m in MentionPattern(brand).Matches(text))
            {
                mentions++;
                if (!string.Equals(m.Value, brand, StringComparison.Ordinal))
                {
                    misspelled.Add($"'{m.Value}' should be '{brand}'");
                }
            }
        }
        return misspelled.Count == 0
            ? GateResult.Pass(GateNames.ScriptBrandWords, $"{mentions} brand mention(s), all spelled exactly", 0, 0)
            : GateResult.Fail(GateNames.ScriptBrandWords, "brand words misspelled: " + string.Join("; ", misspelled.Distinct()), misspelled.Count, 0);
    }

    public static Regex MentionPattern(string brand)
    {
        var letters = brand.Where(char.IsLetterOrDigit).Select(c => Regex.Escape(c.ToString()));
        var body = new StringBuilder().AppendJoin(@"[\s\-_.]?", letters).ToString();
        return new Regex($@"(?<![\p{{L}}\p{{N}}]){body}(?![\p{{L}}\p{{N}}])", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
    }
}
