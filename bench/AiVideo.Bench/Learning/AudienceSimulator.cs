using AiVideo.Bench.Common;

namespace AiVideo.Bench.Learning;

/// <summary>What the simulated audience did with one video: the numbers a platform would report a day later.</summary>
public sealed record Watched(string HookType, long Views, double AverageViewPercent, double WatchTimeSec, long Likes, long Shares, long Comments, long Follows,
    double ExpectedScore, double OracleScore);

/// <summary>
/// A simulated audience for the learning benchmark only. It reads the published hook with its own text features (it
/// never calls the product's hook-style classifier or any product code) and has a hidden, per-seed preference over
/// those hook types (a shuffle of 0.5×…1.8×) and over topics (0.6×…1.5×), with log-normal noise. Every draw is a stable
/// hash of (seed, cycle, what is drawn), so the same seed gives the same audience in every process, and the memory-on
/// and memory-off loops of a seed meet the same noise in the same cycle (a paired comparison).
/// </summary>
public sealed class AudienceSimulator
{
    /// <summary>The audience's own hook types, told apart by <see cref="HookType"/>.</summary>
    public static IReadOnlyList<string> HookTypes { get; } = ["question", "insider", "payoff", "disbelief", "speed", "plain"];

    private static readonly double[] Multipliers = [1.8, 1.35, 1.0, 0.8, 0.65, 0.5];
    private const double BaseViews = 1000;
    private const double Noise = 0.35;

    private readonly Dictionary<string, double> _preference;
    private readonly int _seed;

    public AudienceSimulator(int seed)
    {
        _seed = seed;
        var shuffled = BenchDraw.Shuffle(Multipliers, "audience", seed, "hook-preference");
        _preference = HookTypes.Select((t, i) => (t, shuffled[i])).ToDictionary(x => x.t, x => x.Item2, StringComparer.Ordinal);
    }

    /// <summary>The hidden multiplier of a hook type (for the report; the loop under test never sees it).</summary>
    public double Preference(string hookType) => _preference.GetValueOrDefault(hookType, 1.0);

    public string BestType => _preference.MaxBy(kv => kv.Value).Key;

    /// <summary>
    /// The audience's reading of a hook: disbelief ("won't believe", "shocking", "crazy"), insider ("nobody", "no one",
    /// "secret"), payoff ("to the end", "best part", "wait for it"), speed ("minute", "seconds", "quick"), question (a
    /// question mark), else plain. Checked in that order: the first cue a viewer notices wins.
    /// </summary>
    public static string HookType(string hook)
    {
        var text = " " + hook.ToLowerInvariant() + " ";
        bool Any(params string[] cues) => cues.Any(c => text.Contains(c, StringComparison.Ordinal));
        if (Any("believe", "shocking", "crazy", "insane", "unreal")) return "disbelief";
        if (Any("nobody", "no one", "secret", "hidden")) return "insider";
        if (Any("to the end", "best part", "wait for it", "till the end")) return "payoff";
        if (Any(" minute", " seconds", " quick", " facts ", " facts.")) return "speed";
        if (text.Contains('?', StringComparison.Ordinal)) return "question";
        return "plain";
    }

    /// <summary>Expected views of a hook type on a topic (no noise): what the oracle maximises.</summary>
    public double ExpectedScore(string hookType, string topic) => BaseViews * Preference(hookType) * TopicPreference(topic);

    public Watched Watch(string hook, string topic, int cycle)
    {
        var type = HookType(hook);
        var preference = Preference(type);
        double LogNormal(string what) => Math.Exp(Noise * BenchDraw.Normal("audience", _seed, cycle, what) - Noise * Noise / 2);
        var views = BaseViews * preference * TopicPreference(topic) * LogNormal("views");
        var viewPercent = Math.Clamp(40 * Math.Sqrt(preference) * LogNormal("retention"), 5, 120);
        return new Watched(type, (long)Math.Round(views), Math.Round(viewPercent, 1), Math.Round(views * viewPercent / 100 * 30, 1),
            (long)Math.Round(views * 0.04 * LogNormal("likes")), (long)Math.Round(views * 0.008 * LogNormal("shares")),
            (long)Math.Round(views * 0.004 * LogNormal("comments")), (long)Math.Round(views * 0.002 * LogNormal("follows")),
            ExpectedScore(type, topic), ExpectedScore(BestType, topic));
    }

    /// <summary>Stable per (seed, topic), independent of the order topics are first seen in.</summary>
    private double TopicPreference(string topic) => 0.6 + BenchDraw.Unit("audience", _seed, "topic", topic) * 0.9;
}
