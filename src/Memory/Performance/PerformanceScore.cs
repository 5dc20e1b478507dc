namespace AiVideo.Memory.Performance;

/// <summary>
/// One number to rank videos by: watched views (views × average view %) plus engagement, weighted by how strongly
/// each signal predicts reach on short-video platforms: score = views·avg%/100 + 2·likes + 3·comments + 5·shares + 10·follows.
/// Missing signals count as 0, except a missing average view % (TikTok reports none), which counts views at 50 %,
/// so such platforms still rank by views.
/// </summary>
public static class PerformanceScore
{
    public static double Of(MetricsObservation m)
    {
        var watchedViews = m.AverageViewPercent > 0 ? m.Views * m.AverageViewPercent / 100.0 : m.Views * 0.5;
        return Math.Round(watchedViews + 2.0 * m.Likes + 3.0 * m.Comments + 5.0 * m.Shares + 10.0 * m.Follows, 3);
    }
}
