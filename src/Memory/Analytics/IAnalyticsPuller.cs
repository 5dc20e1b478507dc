using AiVideo.Memory.Performance;

namespace AiVideo.Memory.Analytics;

/// <summary>Reads what published videos earned from a platform's analytics API.</summary>
public interface IAnalyticsPuller
{
    /// <summary>The platform this puller reads (<c>youtube_shorts</c>, <c>tiktok</c>).</summary>
    string Platform { get; }

    /// <summary>
    /// Current metrics of the given videos (the platform's ids), observed now. Videos the platform does not know are
    /// left out; an authentication or request error is an <see cref="AnalyticsApiException"/> with the platform's message.
    /// </summary>
    Task<IReadOnlyList<MetricsObservation>> PullAsync(IReadOnlyList<PublishedVideo> videos, CancellationToken cancellationToken);
}

/// <summary>An analytics API refused or failed a request; <see cref="StatusCode"/> is the HTTP status (0 when none).</summary>
public sealed class AnalyticsApiException(string platform, int statusCode, string message)
    : Exception($"{platform} analytics: {message}" + (statusCode > 0 ? $" (HTTP {statusCode})" : ""))
{
    public string Platform { get; } = platform;
    public int StatusCode { get; } = statusCode;
}
