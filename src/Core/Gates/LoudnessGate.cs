using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Gates;

/// <summary>Integrated loudness (EBU R128) of the final video within the channel's tolerance of its target (default −14 ± 1.5 LUFS).</summary>
public sealed class LoudnessGate
{
    public GateResult Evaluate(double? integratedLufs, QaSettings qa)
    {
        if (integratedLufs is not { } lufs || double.IsNaN(lufs) || double.IsInfinity(lufs))
        {
            return GateResult.Fail(GateNames.Loudness, "no loudness measurement (silent or unreadable audio)", null, qa.LoudnessToleranceLu);
        }
        var off = Math.Abs(lufs - qa.LoudnessTargetLufs);
        var text = string.Create(CultureInfo.InvariantCulture, $"{lufs:0.0} LUFS, target {qa.LoudnessTargetLufs:0.0} ± {qa.LoudnessToleranceLu:0.0}");
        return off <= qa.LoudnessToleranceLu
            ? GateResult.Pass(GateNames.Loudness, text, Math.Round(lufs, 2), qa.LoudnessToleranceLu)
            : GateResult.Fail(GateNames.Loudness, "loudness out of range: " + text, Math.Round(lufs, 2), qa.LoudnessToleranceLu);
    }
}
