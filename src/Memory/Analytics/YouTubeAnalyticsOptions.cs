namespace AiVideo.Memory.Analytics;

/// <summary>
/// Where and how to reach the YouTube Analytics API (Reports API v2): the base URL, an OAuth access token with the
/// <c>yt-analytics.readonly</c> scope, the channel whose report is read, and how hard to retry transient failures.
/// </summary>
public sealed class YouTubeAnalyticsOptions
{
    /// <summary>The API root; a loopback http URL is accepted for a local fake.</summary>
    public string BaseUrl { get; set; } = "https://youtubeanalytics.googleapis.com";

    /// <summary>The OAuth 2.0 access token, sent as <c>Authorization: Bearer</c> and never logged or put in an exception.</summary>
    public string AccessToken { get; set; } = "";

    /// <summary>The channel id for <c>ids=channel==…</c>; <c>MINE</c> means the channel the token was granted for.</summary>
    public string ChannelId { get; set; } = "MINE";

    /// <summary>Retries after the first attempt for 429, 5xx, network errors and timeouts (0 turns retries off).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait before a retry, whether from the backoff or from a <c>Retry-After</c> header.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Everything wrong with these options, as sentences a person can act on; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (AnalyticsBaseUrl.Check("YouTube Analytics", BaseUrl) is { } urlError) errors.Add(urlError);
        if (string.IsNullOrWhiteSpace(AccessToken))
        {
            errors.Add("YouTube Analytics AccessToken is missing: set it to an OAuth access token with the yt-analytics.readonly scope");
        }
        if (string.IsNullOrWhiteSpace(ChannelId))
        {
            errors.Add("YouTube Analytics ChannelId is empty: use MINE for the token's own channel, or a channel id (UC…)");
        }
        else if (ChannelId.Any(c => char.IsWhiteSpace(c) || c is ',' or '='))
        {
            errors.Add($"YouTube Analytics ChannelId '{ChannelId}' is not a channel id: use MINE or a channel id (UC…)");
        }
        errors.AddRange(RetrySettings.Validate("YouTube Analytics"));
        return errors;
    }

    internal AnalyticsRetrySettings RetrySettings => new(MaxRetries, RetryBaseDelay, MaxRetryDelay);
}
