using AiVideo.Core.Domain;
using AiVideo.Memory.Performance;

namespace AiVideo.Host.Bench;

/// <summary>
/// A simulated audience for the learning benchmark ONLY (it never feeds a real channel): a hidden, per-seed preference
/// over hook styles (a shuffled set of multipliers from 0.5× to 1.8×) and topics (0.6×–1.5×), with log-normal noise.
/// It turns a script into the metrics a platform would report a day later.
/// </summary>
public sealed class AudienceSimulator
{
    private static readonly double[] StyleMultipliers = [1.8, 1.35, 1.0, 0.8, 0.65, 0.5];
    private const double BaseViews = 1000;
    private const double Noise = 0.35;

    private readonly Dictionary<string, double> _style;
    private readonly Dictionary<string, double> _topic = new(StringComparer.Ordinal);
    private readonly Random _random;
    private readonly int _seed;

    public AudienceSimulator(int seed)
    {
        _seed = seed;
        _random = new Random(seed);
        var shuffled = StyleMultipliers.OrderBy(_ => _random.Next()).ToArray();
        _style = HookStyles.All.Select((s, i) => (s, shuffled[i])).ToDictionary(x => x.s, x => x.Item2);
    }

    /// <summary>The hidden multiplier of a hook style (for the report; the loop under test never sees it).</summary>
    public double StylePreference(string style) => _style.GetValueOrDefault(style, 1.0);

    public string BestStyle => _style.MaxBy(kv => kv.Value).Key;

    public MetricsObservation Watch(VideoScript script, string topic, string platform, string externalId, DateTimeOffset observedAt)
    {
        var style = HookStyles.Classify(script.Hook);
        var topicFactor = TopicPreference(topic);
        var views = BaseViews * _style.GetValueOrDefault(style, 1.0) * topicFactor * LogNormal();
        var viewPercent = Math.Clamp(40 * Math.Sqrt(_style.GetValueOrDefault(style, 1.0)) * LogNormal(), 5, 120);
        return new MetricsObservation
        {
            Platform = platform,
            ExternalId = externalId,
            ObservedAt = observedAt,
            Views = (long)Math.Round(views),
            WatchTimeSec = Math.Round(views * viewPercent / 100 * 30, 1),
            AverageViewPercent = Math.Round(viewPercent, 1),
            Likes = (long)Math.Round(views * 0.04 * LogNormal()),
            Shares = (long)Math.Round(views * 0.008 * LogNormal()),
            Comments = (long)Math.Round(views * 0.004 * LogNormal()),
            Follows = (long)Math.Round(views * 0.002 * LogNormal()),
        };
    }

    private double TopicPreference(string topic)
    {
        if (!_topic.TryGetValue(topic, out var factor))
        {
            // Stable per (seed, topic), independent of the order topics are first seen in.
            var topicRandom = new Random(HashCode.Combine(_seed, StableHash(topic)));
            _topic[topic] = factor = 0.6 + topicRandom.NextDouble() * 0.9;
        }
        return factor;
    }

    private double LogNormal()
    {
        var u1 = 1.0 - _random.NextDouble();
        var u2 = _random.NextDouble();
        var normal = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return Math.Exp(Noise * normal - Noise * Noise / 2);
    }

    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var ch in text) hash = unchecked(hash * 31 + ch);
        return hash;
    }
}
