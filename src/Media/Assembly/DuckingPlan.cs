using System.Globalization;
using System.Text;
using AiVideo.Media.Loudness;

namespace AiVideo.Media.Assembly;

/// <summary>A stretch of the timeline in seconds.</summary>
public readonly record struct TimeSpanSec(double StartSec, double EndSec)
{
    public double LengthSec => Math.Max(0, EndSec - StartSec);
}

/// <summary>
/// Where the music is pulled down, planned ahead from where the voice actually speaks (the narration's silences as
/// silencedetect heard them in the loudness pre-pass — a sidechain keyed by the narration, computed before the encode).
/// Because the plan is known in advance the music starts going down <see cref="LeadSec"/> + <see cref="AttackSec"/>
/// before the first syllable (a live sidechain compressor can only react after it), the depth is exactly the configured
/// dB (a compressor's depth depends on how loud each syllable is), and the music stays down across the short gaps between
/// words and sentences (espeak leaves 0.15–0.35 s) instead of pumping: it comes back up only in a pause of at least
/// <see cref="MinPauseSec"/>, over <see cref="ReleaseSec"/> after a <see cref="HoldSec"/> hold.
/// </summary>
public sealed record DuckingPlan(IReadOnlyList<TimeSpanSec> Speech, double DurationSec, double DuckDb)
{
    public const double LeadSec = 0.05, AttackSec = 0.15, HoldSec = 0.10, ReleaseSec = 0.35;

    /// <summary>Pause windows shorter than this are too short to say anything about the music's level.</summary>
    public const double MinWindowSec = 0.05;

    /// <summary>Shorter pauses keep the music down (the ramps of neighbouring stretches would overlap).</summary>
    public const double MinPauseSec = LeadSec + AttackSec + HoldSec + ReleaseSec;

    /// <summary>Speech stretches are the complement of the narration's silences within [0, duration], with short pauses bridged.</summary>
    public static DuckingPlan FromSilences(IReadOnlyList<Silence> silences, double durationSec, double duckDb)
    {
        var speech = new List<TimeSpanSec>();
        var cursor = 0.0;
        foreach (var silence in silences.OrderBy(s => s.StartSec))
        {
            var end = Math.Min(durationSec, silence.EndSec ?? durationSec);
            if (silence.StartSec > cursor) speech.Add(new TimeSpanSec(cursor, Math.Min(durationSec, silence.StartSec)));
            cursor = Math.Max(cursor, end);
        }
        if (cursor < durationSec) speech.Add(new TimeSpanSec(cursor, durationSec));

        var merged = new List<TimeSpanSec>();
        foreach (var span in speech.Where(s => s.LengthSec > 0))
        {
            if (merged.Count > 0 && span.StartSec - merged[^1].EndSec < MinPauseSec)
            {
                merged[^1] = merged[^1] with { EndSec = span.EndSec };
            }
            else
            {
                merged.Add(span);
            }
        }
        return new DuckingPlan(merged, durationSec, duckDb);
    }

    /// <summary>
    /// The music gain as an ffmpeg expression of <c>t</c> (for <c>volume=…:eval=frame</c>): 10^(−depth·W(t)/20), where W is 0
    /// in pauses, 1 while the voice speaks, and linear ramps between (the stretches never overlap, so W ≤ 1).
    /// </summary>
    public string GainExpression()
    {
        if (Speech.Count == 0 || DuckDb <= 0) return "1";
        var inv = CultureInfo.InvariantCulture;
        var weight = new StringBuilder();
        foreach (var s in Speech)
        {
            if (weight.Length > 0) weight.Append('+');
            var downFrom = s.StartSec - LeadSec - AttackSec;
            var upUntil = s.EndSec + HoldSec + ReleaseSec;
            weight.Append(inv, $"clip((t-{downFrom:0.####})/{AttackSec:0.###},0,1)*clip(({upUntil:0.####}-t)/{ReleaseSec:0.###},0,1)");
        }
        return string.Create(inv, $"pow(10,-{DuckDb / 20:0.######}*({weight}))");
    }

    /// <summary>Where the music is fully down: each speech stretch itself (the ramps lie outside it).</summary>
    public IReadOnlyList<TimeSpanSec> DuckedWindows() => Speech.Where(s => s.LengthSec > 0).ToList();

    /// <summary>Where the music is fully up: outside every stretch and its ramps.</summary>
    public IReadOnlyList<TimeSpanSec> PauseWindows()
    {
        var windows = new List<TimeSpanSec>();
        var cursor = 0.0;
        foreach (var s in Speech)
        {
            var until = s.StartSec - LeadSec - AttackSec;
            if (until - cursor >= MinWindowSec) windows.Add(new TimeSpanSec(cursor, until));
            cursor = Math.Max(cursor, s.EndSec + HoldSec + ReleaseSec);
        }
        if (DurationSec - cursor >= MinWindowSec) windows.Add(new TimeSpanSec(cursor, DurationSec));
        return windows;
    }
}
