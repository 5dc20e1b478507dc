namespace AiVideo.Memory.Performance;

/// <summary>Metrics for a video at the same moment were already recorded with different numbers.</summary>
public sealed class MetricsConflictException(string message) : Exception(message);
