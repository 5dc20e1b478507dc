using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Gates;

/// <summary>A shot passes when its similarity to the channel reference reaches the channel's threshold.</summary>
public sealed class DriftGate
{
    /// <param name="method">How the similarity was measured (named in the reason); null: not named (the procedural histogram, as always).</param>
    public GateResult Evaluate(string shotId, double similarity, double threshold, int attempt, string? method = null)
    {
        var value = Math.Round(similarity, 4);
        var text = value.ToString("0.####", CultureInfo.InvariantCulture);
        var by = string.IsNullOrWhiteSpace(method) ? "" : $" by {method}";
        return similarity >= threshold
            ? GateResult.Pass($"{GateNames.ShotDrift}:{shotId}", $"similarity {text} ≥ {threshold}{by} (attempt {attempt})", value, threshold)
            : GateResult.Fail($"{GateNames.ShotDrift}:{shotId}", $"shot {shotId} drifted: similarity {text} < {threshold}{by} (attempt {attempt})", value, threshold);
    }

    /// <summary>
    /// The first accepted cloud-generated shot of a run with no configured reference image: it passes by definition and
    /// becomes the reference the run's later generated shots are measured against.
    /// </summary>
    public GateResult BecameReference(string shotId, string source, string clipPath, int attempt) =>
        GateResult.Pass($"{GateNames.ShotDrift}:{shotId}",
            $"became the run's drift reference: first {source} shot and the channel has no render.referenceImage; later generated shots are measured against {clipPath} (attempt {attempt})",
            1, null);

    /// <summary>Found footage (library, stock) is not drawn in the channel look: it is gated by <see cref="FootageGate"/> instead.</summary>
    public GateResult NotMeasured(string shotId, string source) =>
        GateResult.Pass($"{GateNames.ShotDrift}:{shotId}",
            $"not measured: {source} footage is found, not drawn in the channel look (drift applies to generated sources); gated on relevance and sanity ({GateNames.ShotFootage})");
}
