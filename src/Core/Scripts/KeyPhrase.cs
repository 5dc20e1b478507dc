using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace AiVideo.Core.Scripts;

/// <summary>
/// The few words of a beat worth setting large on screen (kinetic typography): a number with what it counts
/// ("4 CM", "384,400 KM", "4.5 BILLION YEARS") when the beat has one, else its most telling words — a name
/// ("JAMES WEBB") or the longest content words, in the order they are spoken. Deterministic, upper case, at most
/// <see cref="MaxWords"/> words and <see cref="MaxLength"/> characters, only letters, digits, spaces and . , % -.
/// </summary>
public static partial class KeyPhrase
{
    public const int MaxWords = 3;

    public const int MaxLength = 28;

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "so", "of", "to", "in", "on", "at", "by", "for", "from", "with", "into", "onto", "over",
        "under", "about", "as", "than", "then", "that", "this", "these", "those", "it", "its", "it's", "is", "are", "was", "were", "be",
        "been", "being", "has", "have", "had", "do", "does", "did", "can", "could", "will", "would", "should", "may", "might", "must",
        "you", "your", "we", "our", "they", "their", "he", "she", "his", "her", "them", "us", "i", "me", "my", "what", "which", "who",
        "why", "how", "when", "where", "there", "here", "not", "no", "yes", "very", "just", "every", "each", "all", "some", "any",
        "more", "most", "much", "many", "also", "only", "even", "still", "out", "up", "down", "off", "again", "ever", "never", "like",
        "because", "while", "if", "one", "get", "gets", "got", "make", "makes", "made", "let", "lets", "let's", "now", "today",
        "time", "way", "thing", "things", "really", "actually", "follow", "subscribe", "watch", "about", "nearly", "almost", "around",
    };

    /// <summary>Spelled-out numbers that start a number phrase like digits do ("four centimetres", "billions of years").</summary>
    private static readonly HashSet<string> NumberWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "twenty", "thirty", "forty",
        "fifty", "hundred", "hundreds", "thousand", "thousands", "million", "millions", "billion", "billions", "trillion", "trillions",
        "half", "double", "triple",
    };

    /// <summary>Units and counted nouns that belong with a number ("4 centimetres", "13.8 billion years").</summary>
    private static readonly HashSet<string> Magnitudes = new(StringComparer.OrdinalIgnoreCase)
    {
        "thousand", "million", "billion", "trillion", "percent", "%",
    };

    /// <summary>The phrase for a beat's text; empty when nothing is worth showing.</summary>
    public static string From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var words = Words().Matches(text).Select(m => m.Value.Trim('\'', '-', '.', ',')).Where(w => w.Length > 0).ToList();
        if (words.Count == 0) return "";

        var phrase = NumberPhrase(words) ?? NamePhrase(words) ?? ContentPhrase(words);
        return Fit(phrase);
    }

    private static List<string>? NumberPhrase(List<string> words)
    {
        var at = words.FindIndex(w => char.IsDigit(w[0]) || NumberWords.Contains(w));
        if (at < 0) return null;
        var phrase = new List<string> { words[at] };
        // The number's magnitude word, then what it counts: the next word, or "of" and the word after it.
        var i = at + 1;
        if (i < words.Count && Magnitudes.Contains(words[i])) phrase.Add(words[i++]);
        if (i + 1 < words.Count && words[i].Equals("of", StringComparison.OrdinalIgnoreCase) && !StopWords.Contains(words[i + 1]))
        {
            phrase.Add(words[i]);
            phrase.Add(words[i + 1]);
        }
        else if (i < words.Count && !StopWords.Contains(words[i]))
        {
            phrase.Add(words[i]);
        }
        return phrase;
    }

    /// <summary>A run of capitalised words that is not just the sentence's first word (a name: "James Webb", "NASA").</summary>
    private static List<string>? NamePhrase(List<string> words)
    {
        List<string>? best = null;
        for (var i = 1; i < words.Count; i++)
        {
            if (!IsCapitalised(words[i]) || StopWords.Contains(words[i])) continue;
            var run = new List<string>();
            while (i < words.Count && IsCapitalised(words[i]) && run.Count < MaxWords) run.Add(words[i++]);
            if (best is null || run.Count > best.Count) best = run;
        }
        return best;
    }

    /// <summary>The longest content words (ties: the earlier), kept in spoken order.</summary>
    private static List<string> ContentPhrase(List<string> words)
    {
        var content = words.Select((w, i) => (Word: w, Index: i)).Where(x => !StopWords.Contains(x.Word) && x.Word.Length > 2).ToList();
        if (content.Count == 0) return [words.OrderByDescending(w => w.Length).First()];
        return content.OrderByDescending(x => x.Word.Length).ThenBy(x => x.Index).Take(2).OrderBy(x => x.Index).Select(x => x.Word).ToList();
    }

    private static bool IsCapitalised(string word) => char.IsUpper(word[0]);

    private static string Fit(List<string> phrase)
    {
        var sb = new StringBuilder();
        foreach (var word in phrase.Take(MaxWords))
        {
            var clean = new string(word.Where(c => char.IsLetterOrDigit(c) || c is '.' or ',' or '%' or '-').ToArray())
                .ToUpper(CultureInfo.InvariantCulture);
            if (clean.Length == 0) continue;
            if (sb.Length > 0 && sb.Length + 1 + clean.Length > MaxLength) break;
            if (sb.Length > 0) sb.Append(' ');
            sb.Append(clean.Length > MaxLength ? clean[..MaxLength] : clean);
        }
        return sb.ToString();
    }

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'.,%\-]*")]
    private static partial Regex Words();
}
