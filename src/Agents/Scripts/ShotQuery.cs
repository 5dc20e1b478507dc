using System.Text.RegularExpressions;

namespace AiVideo.Agents.Scripts;

/// <summary>
/// A search query from a beat's words, for sources that look pictures up (the operator's library, stock sites): the
/// beat's content words in order — function words, common verbs and adverbs and numbers dropped — at most
/// <see cref="MaxWords"/>, lower case. "The Moon moves about four centimetres farther from Earth every year." →
/// "moon centimetres earth year". Deterministic; no model.
/// </summary>
public static partial class ShotQuery
{
    public const int MaxWords = 6;

    private static readonly HashSet<string> Stopwords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "nor", "so", "yet", "of", "to", "in", "on", "at", "by", "for", "from", "with", "without", "into", "onto",
        "over", "under", "about", "above", "below", "after", "before", "between", "through", "during", "than", "then", "as", "like", "per", "via",
        "is", "are", "was", "were", "be", "been", "being", "am", "do", "does", "did", "done", "have", "has", "had", "having", "will", "would",
        "can", "could", "shall", "should", "may", "might", "must", "it", "its", "this", "that", "these", "those", "there", "here", "their", "them",
        "they", "we", "our", "us", "you", "your", "he", "she", "his", "her", "him", "i", "me", "my", "who", "whom", "whose", "which", "what",
        "when", "where", "why", "how", "all", "any", "some", "every", "each", "more", "most", "less", "least", "much", "many", "few", "no", "not",
        "never", "always", "ever", "also", "just", "only", "even", "still", "very", "too", "quite", "almost", "nearly", "about", "around",
        "again", "once", "twice", "now", "today", "soon", "later", "slowly", "quickly", "farther", "further", "longer", "shorter", "other",
        "same", "such", "own", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "hundred", "thousand", "million",
        "billion", "billions", "millions", "thousands", "hundreds", "first", "last", "next", "new", "let", "lets", "make", "makes", "made",
        "get", "gets", "got", "go", "goes", "went", "come", "comes", "take", "takes", "give", "gives", "hand", "know", "knows", "see", "seen",
        "cause", "causes", "moves", "move", "left", "right", "within", "up", "down", "out", "off", "if", "because", "while", "until", "little",
        "big", "small", "large", "no", "longer", "happen", "happens", "measure", "scientists", "thing", "things", "way", "ways", "lot",
    };

    public static string FromText(string text)
    {
        var words = new List<string>();
        foreach (Match match in Word().Matches(text ?? ""))
        {
            var word = match.Value.ToLowerInvariant().Trim('\'');
            if (word.EndsWith("'s", StringComparison.Ordinal)) word = word[..^2];
            if (word.Length < 3 || Stopwords.Contains(word) || words.Contains(word)) continue;
            words.Add(word);
            if (words.Count == MaxWords) break;
        }
        return string.Join(' ', words);
    }

    [GeneratedRegex(@"[\p{L}][\p{L}'’-]*")]
    private static partial Regex Word();
}
