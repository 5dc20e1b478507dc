namespace AiVideo.Memory.Performance;

/// <summary>How much the memory recalls per script.</summary>
public sealed record PerformanceMemoryOptions
{
    /// <summary>Most similar past videos (by topic, hook and beats).</summary>
    public int Similar { get; init; } = 5;

    /// <summary>Best and worst performers each (by <see cref="PerformanceScore"/>).</summary>
    public int BestAndWorst { get; init; } = 2;

    /// <summary>Only videos posted within this many days count (0 = all).</summary>
    public int LookbackDays { get; init; }
}
