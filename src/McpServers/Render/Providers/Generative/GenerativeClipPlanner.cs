using AiVideo.Media.Library;

namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>One clip to generate and the part of the beat it covers.</summary>
/// <param name="LengthSec">The provider's clip length generated.</param>
/// <param name="CoverSec">Seconds of the beat it covers.</param>
/// <param name="Speed">Playback speed (1, or 0.8..1 when one clip is slowed to cover a little more than its length).</param>
public sealed record PlannedClip(int LengthSec, double CoverSec, double Speed);

/// <summary>
/// Covers a beat with the provider's clip lengths, paying for as few generated seconds as the rule allows:
/// <list type="number">
/// <item>While what is left of the beat is longer than the longest clip can cover even slowed (longest ÷ 0.8), a
/// longest clip plays whole at normal speed and the rest follows it.</item>
/// <item>The rest (at least a quarter of the longest clip, so never a sliver) is the shortest length that covers it,
/// trimmed; or, when it is longer than the longest clip, one longest clip slowed to fit (never below
/// <see cref="BeatCoveragePlanner.MinSpeed"/>: 10.5 s on Kling is one 10 s clip at 0.952×, 13 s is 10 s + 5 s trimmed to 3 s).</item>
/// </list>
/// </summary>
public static class GenerativeClipPlanner
{
    public static IReadOnlyList<PlannedClip> Plan(double beatSec, IReadOnlyList<int> lengths)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(beatSec);
        if (lengths.Count == 0) throw new ArgumentException("no clip lengths", nameof(lengths));
        var sorted = lengths.Order().ToList();
        var longest = sorted[^1];
        var clips = new List<PlannedClip>();
        var remaining = beatSec;
        while (remaining > longest / BeatCoveragePlanner.MinSpeed + 1e-9)
        {
            clips.Add(new PlannedClip(longest, longest, 1));
            remaining -= longest;
        }
        remaining = Math.Round(remaining, 4);
        var fits = sorted.FirstOrDefault(l => l >= remaining - 1e-9);
        clips.Add(fits > 0
            ? new PlannedClip(fits, remaining, 1)
            : new PlannedClip(longest, remaining, Math.Round(longest / remaining, 4)));
        return clips;
    }
}
