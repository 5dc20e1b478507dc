namespace AiVideo.Host.Resilience;

/// <summary>How hard the host tries before a provider call counts as failed. Per server, bound from section <c>Resilience</c>.</summary>
public sealed record ResilienceOptions
{
    /// <summary>Retries after the first attempt, for transient errors only.</summary>
    public int MaxRetries { get; init; } = 3;

    /// <summary>First backoff delay; doubles each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan RenderTimeout { get; init; } = TimeSpan.FromMinutes(10);
    public TimeSpan VoiceTimeout { get; init; } = TimeSpan.FromMinutes(2);
    public TimeSpan PublishTimeout { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Circuit breaker: open after this share of transient failures among at least <see cref="BreakerMinimumCalls"/> calls in the sampling window.</summary>
    public double BreakerFailureRatio { get; init; } = 0.5;
    public int BreakerMinimumCalls { get; init; } = 6;
    public TimeSpan BreakerSamplingWindow { get; init; } = TimeSpan.FromSeconds(60);
    public TimeSpan BreakerBreakDuration { get; init; } = TimeSpan.FromSeconds(15);

    public static ResilienceOptions Default { get; } = new();

    public TimeSpan TimeoutFor(string server) => server switch
    {
        "render" => RenderTimeout,
        "voice" => VoiceTimeout,
        _ => PublishTimeout,
    };
}
