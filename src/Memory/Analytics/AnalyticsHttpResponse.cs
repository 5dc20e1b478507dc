namespace AiVideo.Memory.Analytics;

/// <summary>One answer of an analytics API, read in full: status, body and any <c>Retry-After</c> the server asked for.</summary>
internal sealed record AnalyticsHttpResponse(int StatusCode, string Body, TimeSpan? RetryAfter)
{
    /// <summary>2xx.</summary>
    public bool IsSuccess => StatusCode is >= 200 and < 300;

    /// <summary>Worth another attempt: 429 (rate limited) or any 5xx.</summary>
    public bool IsTransient => Http.HttpRetryHints.IsTransient(StatusCode);
}
