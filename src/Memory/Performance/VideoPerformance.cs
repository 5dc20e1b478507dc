namespace AiVideo.Memory.Performance;

/// <summary>A published video with its newest metrics (none yet when <see cref="Latest"/> is null).</summary>
public sealed record VideoPerformance(PublishedVideo Video, MetricsObservation? Latest)
{
    public string Key => PerformanceLedger.KeyOf(Video.Platform, Video.ExternalId);
    public double? Score => Latest is null ? null : PerformanceScore.Of(Latest);
}
