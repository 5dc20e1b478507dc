namespace AiVideo.Memory.Analytics;

/// <summary>How hard an analytics puller retries transient failures (429, 5xx, network errors, HTTP timeouts).</summary>
/// <param name="MaxRetries">Retries after the first attempt (0 turns retries off).</param>
/// <param name="BaseDelay">The first retry delay; later ones grow exponentially, with jitter.</param>
/// <param name="MaxDelay">The longest wait before a retry, whether from the backoff or a <c>Retry-After</c> header.</param>
internal sealed record AnalyticsRetrySettings(int MaxRetries, TimeSpan BaseDelay, TimeSpan MaxDelay)
{
    /// <summary>Everything wrong with these settings, as sentences; empty when they are usable.</summary>
    public IEnumerable<string> Validate(string label)
    {
        if (MaxRetries is < 0 or > 10) yield return $"{label} MaxRetries must be between 0 and 10, not {MaxRetries}";
        if (BaseDelay < TimeSpan.Zero) yield return $"{label} RetryBaseDelay cannot be negative";
        if (MaxDelay < BaseDelay) yield return $"{label} MaxRetryDelay cannot be shorter than RetryBaseDelay";
    }
}
