using AiVideo.Core.Domain;

namespace AiVideo.Core.Gates;

/// <summary>
/// Every burned caption cue must start within <see cref="ToleranceMs"/> of the narration word it shows first,
/// and every narrated word must be captioned exactly once, in order.
/// </summary>
public sealed class CaptionSyncGate
{
    public const int ToleranceMs = 80;

    /// <param name="narration">Word timings from the synthesizer.</param>
    /// <param name="burnedCues">Cues as written to the subtitle file that was burned in.</param>
    public GateResult Evaluate(IReadOnlyList<WordTiming> narration, IReadOnlyList<CaptionCue> burnedCues)
    {
        var spoken = narration.Where(w => !string.IsNullOrWhiteSpace(w.Word)).ToList();
        var captioned = burnedCues.SelectMany(c => c.Words).ToList();
        if (captioned.Count != spoken.Count)
        {
            return GateResult.Fail(GateNames.CaptionSync,
                $"{captioned.Count} captioned words for {spoken.Count} spoken words", null, ToleranceMs);
        }

        var worst = 0;
        var index = 0;
        string? firstBad = null;
        foreach (var cue in burnedCues)
        {
            var first = spoken[index];
            if (!string.Equals(cue.Words[0].Word, first.Word, StringComparison.Ordinal))
            {
                return GateResult.Fail(GateNames.CaptionSync,
                    $"cue at {cue.StartMs} ms shows '{cue.Words[0].Word}' but the narration says '{first.Word}'", null, ToleranceMs);
            }
            var delta = Math.Abs(cue.StartMs - first.StartMs);
            if (delta > worst)
            {
                worst = delta;
                if (delta > ToleranceMs)
                {
                    firstBad ??= $"cue '{cue.Text}' starts at {cue.StartMs} ms, word at {first.StartMs} ms";
                }
            }
            index += cue.Words.Count;
        }
        return firstBad is null
            ? GateResult.Pass(GateNames.CaptionSync, $"{burnedCues.Count} cues, worst offset {worst} ms", worst, ToleranceMs)
            : GateResult.Fail(GateNames.CaptionSync, $"captions out of sync by up to {worst} ms: {firstBad}", worst, ToleranceMs);
    }
}
