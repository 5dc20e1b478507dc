namespace AiVideo.Memory.Tests.Analytics;

/// <summary>A clock stopped at one instant; timers (retry delays) still run on the system clock.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
