using AiVideo.Core.Domain;

namespace AiVideo.Host.Pipeline;

/// <summary>One stretch of the final video: a shot shown from <see cref="StartMs"/> to <see cref="EndMs"/> of the narration.</summary>
public sealed record TimelineSegment(string ShotId, int StartMs, int EndMs)
{
    public double DurationSec => (EndMs - StartMs) / 1000.0;
}

/// <summary>
/// Fits the shots to the narration actually spoken: each beat's shot runs from the beat's first spoken word to the
/// next beat's first word (the hook belongs to the first beat, the CTA to the last), so cuts land on the words.
/// </summary>
public static class ShotTimeline
{
    public static IReadOnlyList<TimelineSegment> Build(VideoScript script, Narration narration)
    {
        var beatWordCounts = script.Beats.Select(b => Tokens(b.Text)).ToList();
        beatWordCounts[0] += Tokens(script.Hook);
        beatWordCounts[^1] += Tokens(script.Cta);
        var total = beatWordCounts.Sum();
        if (total != narration.Words.Count)
        {
            throw new InvalidOperationException($"narration has {narration.Words.Count} timed words but the script has {total}");
        }

        var endMs = (int)Math.Round(narration.DurationSec * 1000);
        var segments = new List<TimelineSegment>();
        var wordIndex = 0;
        for (var i = 0; i < script.Beats.Count; i++)
        {
            var start = i == 0 ? 0 : narration.Words[wordIndex].StartMs;
            wordIndex += beatWordCounts[i];
            var end = i == script.Beats.Count - 1 ? endMs : narration.Words[wordIndex].StartMs;
            var shotId = script.Beats[i].ShotId;
            if (segments.Count > 0 && segments[^1].ShotId == shotId)
            {
                segments[^1] = segments[^1] with { EndMs = end };
            }
            else
            {
                segments.Add(new TimelineSegment(shotId, start, Math.Max(end, start + 1)));
            }
        }
        return segments;
    }

    /// <summary>How long each shot must be rendered: its longest segment.</summary>
    public static IReadOnlyDictionary<string, double> RenderDurations(IReadOnlyList<TimelineSegment> segments) =>
        segments.GroupBy(s => s.ShotId).ToDictionary(g => g.Key, g => Math.Round(g.Max(s => s.DurationSec), 3));

    public static int Tokens(string text) => text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
