using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Gates;

/// <summary>What was measured of a found shot's clip (the Render server's check_footage).</summary>
/// <param name="Width">Frame width as probed.</param>
/// <param name="Height">Frame height as probed.</param>
/// <param name="MeanLuma">Mean luma over the sampled frames, 0..1.</param>
/// <param name="Frozen">True when the sampled frames are practically identical.</param>
public sealed record FootageFacts(int Width, int Height, double MeanLuma, bool Frozen);

/// <summary>
/// Found footage (library, Pexels, Pixabay) is gated on relevance and technical sanity, never on the colour histogram:
/// the main item's query score must reach <see cref="MinRelevance"/>; the clip must not be black (mean luma at least
/// <see cref="MinMeanLuma"/>), must move (not frozen; a still is animated with pan/zoom, so it moves too) and must be
/// exactly the shot size asked for (so portrait stays portrait after the crop). Every failing check is named in the reason.
/// </summary>
public sealed class FootageGate
{
    /// <summary>The relevance floor: the library's own pick floor (one shared word of a short query).</summary>
    public const double MinRelevance = 0.12;

    /// <summary>Below this mean luma (0..1; ≈ 13 of 255) footage counts as black. Night scenes sit around 0.1–0.2.</summary>
    public const double MinMeanLuma = 0.05;

    /// <param name="relevance">The main part's query score; null when the source does not rank (not checked then).</param>
    public GateResult Evaluate(string shotId, string source, double? relevance, FootageFacts facts, VideoSize expected, int attempt)
    {
        var failures = new List<string>();
        if (relevance is { } score && score < MinRelevance)
        {
            failures.Add($"relevance {Format(score)} < {Format(MinRelevance)} (the footage does not match the shot's query)");
        }
        if (facts.MeanLuma < MinMeanLuma)
        {
            failures.Add($"black: mean luma {Format(facts.MeanLuma)} < {Format(MinMeanLuma)}");
        }
        if (facts.Frozen)
        {
            failures.Add("frozen: the sampled frames do not change");
        }
        if (facts.Width != expected.Width || facts.Height != expected.Height)
        {
            var orientation = facts.Width < facts.Height == expected.Width < expected.Height ? "" : ", wrong orientation";
            failures.Add($"size {facts.Width}x{facts.Height} is not the shot size {expected.Width}x{expected.Height}{orientation}");
        }
        var name = $"{GateNames.ShotFootage}:{shotId}";
        var relevanceText = relevance is { } r ? $"relevance {Format(r)} ≥ {Format(MinRelevance)}" : "relevance not reported";
        return failures.Count == 0
            ? GateResult.Pass(name, $"{source} footage: {relevanceText}, mean luma {Format(facts.MeanLuma)}, moving, {facts.Width}x{facts.Height} (attempt {attempt})",
                relevance, MinRelevance)
            : GateResult.Fail(name, $"shot {shotId} ({source}) failed footage checks: {string.Join("; ", failures)} (attempt {attempt})", relevance, MinRelevance);
    }

    /// <summary>The clip could not be read at all (empty, cut short): as unusable as footage gets.</summary>
    public GateResult Unreadable(string shotId, string source, string reason, int attempt) =>
        GateResult.Fail($"{GateNames.ShotFootage}:{shotId}", $"shot {shotId} ({source}) failed footage checks: clip unreadable ({reason}) (attempt {attempt})", null, MinRelevance);

    private static string Format(double value) => Math.Round(value, 4).ToString("0.####", CultureInfo.InvariantCulture);
}
