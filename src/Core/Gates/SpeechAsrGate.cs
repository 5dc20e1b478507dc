using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Gates;

/// <summary>
/// The narration says the script: word error rate of the recognised speech against the script under the channel's
/// threshold. Brand words (watch-words) the recogniser did not hear are flagged in the reason, not failed on: the
/// recogniser cannot know invented names, and a script-built model can "hear" script words in any audio.
/// </summary>
public sealed class SpeechAsrGate
{
    public GateResult Evaluate(double wordErrorRate, string transcript, string script, IReadOnlyList<string> brandWords, IReadOnlyList<string> outOfVocabulary, QaSettings qa)
    {
        var heard = $" {transcript.ToLowerInvariant()} ";
        var missed = brandWords.Where(b => script.Contains(b, StringComparison.Ordinal)).Where(b => !heard.Contains($" {b.ToLowerInvariant()} ", StringComparison.Ordinal)).ToList();
        var notes = new List<string>();
        if (missed.Count > 0) notes.Add($"not heard: {string.Join(", ", missed)}");
        if (outOfVocabulary.Count > 0) notes.Add($"unknown to the recogniser: {string.Join(", ", outOfVocabulary.Take(8))}");
        var text = string.Create(CultureInfo.InvariantCulture, $"word error rate {wordErrorRate:P0} (max {qa.MaxWordErrorRate:P0})")
            + (notes.Count > 0 ? "; " + string.Join("; ", notes) : "");
        return wordErrorRate <= qa.MaxWordErrorRate
            ? GateResult.Pass(GateNames.SpeechAsr, text, Math.Round(wordErrorRate, 3), qa.MaxWordErrorRate)
            : GateResult.Fail(GateNames.SpeechAsr, "narration does not say the script: " + text, Math.Round(wordErrorRate, 3), qa.MaxWordErrorRate);
    }
}
