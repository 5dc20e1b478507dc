using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Gates;

/// <summary>
/// Integrated loudness (EBU R128) of the final video within the channel's tolerance of its target (default −14 ± 1.5
/// LUFS), and its true peak at or under the channel's ceiling (default −1 dBTP) when the true peak was measured.
/// </summary>
public sealed class LoudnessGate
{
    public GateResult Evaluate(double? integratedLufs, QaSettings qa) => Evaluate(integratedLufs, null, qa);

    public GateResult Evaluate(double? integratedLufs, double? truePeakDbtp, QaSettings qa)
    {
        if (integratedLufs is not { } lufs || double.IsNaN(lufs) || double.IsInfinity(lufs))
        {
            return GateResult.Fail(GateNames.Loudness, "no loudness measurement (silent or unreadable audio)", null, qa.LoudnessToleranceLu);
        }
        var off = Math.Abs(lufs - qa.LoudnessTargetLufs);
        var text = string.Create(CultureInfo.InvariantCulture, $"{lufs:0.0} LUFS, target {qa.LoudnessTargetLufs:0.0} ± {qa.LoudnessToleranceLu:0.0}");
        if (off > qa.LoudnessToleranceLu)
        {
            return GateResult.Fail(GateNames.Loudness, "loudness out of range: " + text, Math.Round(lufs, 2), qa.LoudnessToleranceLu);
        }
        if (truePeakDbtp is { } peak && !double.IsNaN(peak))
        {
            var peakText = string.Create(CultureInfo.InvariantCulture, $"true peak {peak:0.0} dBTP");
            if (peak > qa.MaxTruePeakDbtp)
            {
                return GateResult.Fail(GateNames.Loudness,
                    string.Create(CultureInfo.InvariantCulture, $"{peakText} above the ceiling {qa.MaxTruePeakDbtp:0.0} dBTP ({text})"), Math.Round(lufs, 2), qa.LoudnessToleranceLu);
            }
            text += ", " + peakText;
        }
        return GateResult.Pass(GateNames.Loudness, text, Math.Round(lufs, 2), qa.LoudnessToleranceLu);
    }
}
