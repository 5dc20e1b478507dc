using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Gates;

/// <summary>A shot passes when its similarity to the channel reference reaches the channel's threshold.</summary>
public sealed class DriftGate
{
    public GateResult Evaluate(string shotId, double similarity, double threshold, int attempt)
    {
        var value = Math.Round(similarity, 4);
        var text = value.ToString("0.####", CultureInfo.InvariantCulture);
        return similarity >= threshold
            ? GateResult.Pass($"{GateNames.ShotDrift}:{shotId}", $"similarity {text} ≥ {threshold} (attempt {attempt})", value, threshold)
            : GateResult.Fail($"{GateNames.ShotDrift}:{shotId}", $"shot {shotId} drifted: similarity {text} < {threshold} (attempt {attempt})", value, threshold);
    }
}
