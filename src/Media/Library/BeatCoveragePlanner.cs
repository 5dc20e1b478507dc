using AiVideo.Core.Domain;

namespace AiVideo.Media.Library;

/// <summary>
/// Covers one beat with library picks, best first: a still covers any length (slow pan/zoom); a clip at least as long as
/// what is left is trimmed to it; a clip almost long enough (≥ 80 %) is slowed to fit; a shorter clip plays whole and the
/// next-best pick follows it. When the picks run out a little short the whole shot is slowed, never below
/// <see cref="MinSpeed"/>; otherwise the beat cannot be covered (null).
/// </summary>
public static class BeatCoveragePlanner
{
    public const double MinSpeed = 0.8;

    /// <summary>Parts shorter than this are not worth a cut.</summary>
    public const double MinPartSec = 0.25;

    public static IReadOnlyList<VisualPart>? Plan(IReadOnlyList<RankedLibraryItem> ranked, double beatSec)
    {
        var parts = new List<VisualPart>();
        var remaining = beatSec;
        foreach (var pick in ranked)
        {
            if (remaining <= 1e-6) break;
            var item = pick.Item;
            if (item.IsStill)
            {
                parts.Add(new VisualPart(item.RelativePath, pick.Score, 0, Round(remaining), 1, Still: true));
                remaining = 0;
            }
            else if (item.DurationSec >= remaining)
            {
                parts.Add(new VisualPart(item.RelativePath, pick.Score, 0, Round(remaining)));
                remaining = 0;
            }
            else if (item.DurationSec >= remaining * MinSpeed)
            {
                parts.Add(new VisualPart(item.RelativePath, pick.Score, 0, Round(remaining), Math.Round(item.DurationSec / remaining, 4)));
                remaining = 0;
            }
            else if (item.DurationSec >= MinPartSec)
            {
                parts.Add(new VisualPart(item.RelativePath, pick.Score, 0, Round(item.DurationSec)));
                remaining -= item.DurationSec;
            }
        }
        if (parts.Count == 0) return null;
        if (remaining <= 1e-6) return Normalise(parts, beatSec);
        var covered = beatSec - remaining;
        var factor = covered / beatSec;
        if (factor < MinSpeed) return null;
        // Slow every part by the same factor: the beat is covered without any part going below MinSpeed.
        return Normalise(parts.Select(p => p with { DurationSec = Round(p.DurationSec / factor), Speed = Math.Round(p.Speed * factor, 4) }).ToList(), beatSec);
    }

    /// <summary>Rounding leaves the durations a hair off the beat: the last part absorbs it.</summary>
    private static IReadOnlyList<VisualPart> Normalise(List<VisualPart> parts, double beatSec)
    {
        var sum = parts.Take(parts.Count - 1).Sum(p => p.DurationSec);
        parts[^1] = parts[^1] with { DurationSec = Round(beatSec - sum) };
        return parts;
    }

    private static double Round(double seconds) => Math.Round(seconds, 4);
}
