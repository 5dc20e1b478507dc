using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using AiVideo.Media.Processes;

namespace AiVideo.Media.Speech;

/// <summary>
/// Offline speech recognition of a narration with pocketsphinx, to check it says what the script says. The stock
/// language model gives ~84% word error on espeak audio; a small bigram model built from the script itself gives
/// ~15%, so the model is built per check. Judge by word error rate against the script: a script-built model will
/// "find" script words in unrelated audio too, so word hits alone prove nothing.
/// </summary>
public sealed partial class SpeechRecognizer(ProcessRunner runner)
{
    public const string ModelRoot = "/usr/share/pocketsphinx/model/en-us";

    private readonly Lazy<Dictionary<string, List<string>>> _dictionary = new(LoadDictionary);

    public async Task<SpeechCheck> CheckAsync(string wavPath, string script, string scratchDirectory, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(scratchDirectory);
        var expected = Tokens(script);
        var known = expected.Where(w => _dictionary.Value.ContainsKey(w)).ToList();
        var missing = expected.Where(w => !_dictionary.Value.ContainsKey(w)).Distinct().ToList();

        var dict = Path.Combine(scratchDirectory, "script.dict");
        await File.WriteAllLinesAsync(dict, known.Distinct().SelectMany(w => _dictionary.Value[w]), cancellationToken).ConfigureAwait(false);
        var lm = Path.Combine(scratchDirectory, "script.arpa");
        await File.WriteAllTextAsync(lm, BigramModel(script, w => _dictionary.Value.ContainsKey(w)), cancellationToken).ConfigureAwait(false);
        var audio = Path.Combine(scratchDirectory, "narration-16k.wav");
        await runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-i", wavPath, "-ar", "16000", "-ac", "1", "-c:a", "pcm_s16le", audio], cancellationToken).ConfigureAwait(false);

        var result = await runner.RunAsync("pocketsphinx_continuous", ["-infile", audio, "-hmm", Path.Combine(ModelRoot, "en-us"), "-lm", lm, "-dict", dict, "-logfn", "/dev/null"],
            cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0) throw new InvalidDataException($"pocketsphinx failed (exit {result.ExitCode}): {result.StandardError.Trim().Split('\n')[^1]}");
        var heard = Tokens(result.StandardOutput);
        return new SpeechCheck(string.Join(' ', heard), WordErrorRate(expected, heard), missing);
    }

    /// <summary>Word-level Levenshtein distance over the reference length.</summary>
    public static double WordErrorRate(IReadOnlyList<string> reference, IReadOnlyList<string> hypothesis)
    {
        if (reference.Count == 0) return hypothesis.Count == 0 ? 0 : 1;
        var previous = Enumerable.Range(0, hypothesis.Count + 1).ToArray();
        for (var i = 1; i <= reference.Count; i++)
        {
            var current = new int[hypothesis.Count + 1];
            current[0] = i;
            for (var j = 1; j <= hypothesis.Count; j++)
            {
                var cost = reference[i - 1] == hypothesis[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
            }
            previous = current;
        }
        return previous[hypothesis.Count] / (double)reference.Count;
    }

    public static IReadOnlyList<string> Tokens(string text) =>
        Word().Matches(text.ToLowerInvariant()).Select(m => m.Value.Trim('\'')).Where(w => w.Length > 0).ToList();

    /// <summary>An ARPA bigram model of the script's sentences: 0.9 of the mass on seen bigrams, the rest backs off to unigrams.</summary>
    public static string BigramModel(string script, Func<string, bool> inVocabulary)
    {
        var sentences = Regex.Split(script, @"(?<=[.!?])\s+").Select(s => Tokens(s).Where(inVocabulary).ToList()).Where(s => s.Count > 0).ToList();
        var unigrams = new Dictionary<string, int>(StringComparer.Ordinal) { ["<s>"] = 0, ["</s>"] = 0 };
        var bigrams = new Dictionary<(string, string), int>();
        foreach (var sentence in sentences)
        {
            var padded = new[] { "<s>" }.Concat(sentence).Append("</s>").ToList();
            foreach (var w in padded) unigrams[w] = unigrams.GetValueOrDefault(w) + 1;
            for (var i = 1; i < padded.Count; i++) bigrams[(padded[i - 1], padded[i])] = bigrams.GetValueOrDefault((padded[i - 1], padded[i])) + 1;
        }
        var total = unigrams.Values.Sum() + unigrams.Count;
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"\\data\\\nngram 1={unigrams.Count}\nngram 2={bigrams.Count}\n\n\\1-grams:\n");
        foreach (var (w, c) in unigrams.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var p = w == "<s>" ? -99 : Math.Log10((c + 1) / (double)total);
            sb.Append(CultureInfo.InvariantCulture, $"{p:0.0000} {w} {Math.Log10(0.1):0.0000}\n");
        }
        sb.Append("\n\\2-grams:\n");
        foreach (var ((a, b), c) in bigrams.OrderBy(kv => kv.Key.Item1, StringComparer.Ordinal).ThenBy(kv => kv.Key.Item2, StringComparer.Ordinal))
        {
            sb.Append(CultureInfo.InvariantCulture, $"{Math.Log10(0.9 * c / unigrams[a]):0.0000} {a} {b}\n");
        }
        sb.Append("\n\\end\\\n");
        return sb.ToString();
    }

    private static Dictionary<string, List<string>> LoadDictionary()
    {
        var dict = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var path = Path.Combine(ModelRoot, "cmudict-en-us.dict");
        if (!File.Exists(path)) throw new InvalidOperationException($"pocketsphinx dictionary {path} is missing (apt-get install pocketsphinx-en-us)");
        foreach (var line in File.ReadLines(path))
        {
            var space = line.IndexOf(' ');
            if (space <= 0) continue;
            var head = line[..space];
            var paren = head.IndexOf('(');
            var word = paren > 0 ? head[..paren] : head;
            if (!dict.TryGetValue(word, out var entries)) dict[word] = entries = [];
            entries.Add(line);
        }
        return dict;
    }

    [GeneratedRegex("[a-z0-9']+")]
    private static partial Regex Word();
}

/// <summary>What the recogniser heard, its word error rate against the script, and script words it cannot know.</summary>
public sealed record SpeechCheck(string Transcript, double WordErrorRate, IReadOnlyList<string> OutOfVocabulary);
