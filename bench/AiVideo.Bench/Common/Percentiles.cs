namespace AiVideo.Bench.Common;

public static class Percentiles
{
    /// <summary>Nearest-rank percentile (p in 0..1) of the values; 0 when there are none.</summary>
    public static double Of(IEnumerable<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];
    }
}
