using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Gates;

/// <summary>
/// What viewers see: the caption words read back from the frames (OCR) must cover the channel's share of the cue
/// words, and every brand word shown in a cue must be read back spelled exactly.
/// </summary>
public sealed class CaptionOcrGate
{
    public GateResult Evaluate(IReadOnlyList<string> cueTexts, IReadOnlyList<string>? readTexts, IReadOnlyList<string> brandWords, QaSettings qa, string? skippedBecause = null)
    {
        if (readTexts is null)
        {
            return GateResult.Pass(GateNames.CaptionOcr, $"skipped: {skippedBecause ?? "captions not readable"}", null, qa.MinCaptionOcrRecall);
        }
        int total = 0, found = 0;
        var problems = new List<string>();
        for (var i = 0; i < cueTexts.Count; i++)
        {
            var read = i < readTexts.Count ? readTexts[i] : "";
            var seen = Words(read).ToList();
            foreach (var word in Words(cueTexts[i]))
            {
                total++;
                var at = seen.IndexOf(word);
                if (at < 0) continue;
                found++;
                seen.RemoveAt(at);
            }
            foreach (var brand in brandWords.Where(b => cueTexts[i].Contains(b, StringComparison.Ordinal)))
            {
                if (!read.Contains(brand, StringComparison.Ordinal)) problems.Add($"'{brand}' read as '{read}'");
            }
        }
        var recall = total == 0 ? 1 : found / (double)total;
        var summary = string.Create(CultureInfo.InvariantCulture, $"{found}/{total} caption words read back ({recall:P0}) from {cueTexts.Count} frames");
        if (recall < qa.MinCaptionOcrRecall) problems.Insert(0, summary);
        return problems.Count == 0
            ? GateResult.Pass(GateNames.CaptionOcr, summary, Math.Round(recall, 3), qa.MinCaptionOcrRecall)
            : GateResult.Fail(GateNames.CaptionOcr, "captions not as scripted: " + string.Join("; ", problems), Math.Round(recall, 3), qa.MinCaptionOcrRecall);
    }

    private static IEnumerable<string> Words(string text) =>
        text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)
            .Select(w => new string(w.Where(char.IsLetterOrDigit).ToArray()).ToLowerInvariant())
            .Where(w => w.Length > 0);
}
