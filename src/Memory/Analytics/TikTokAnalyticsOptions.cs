namespace AiVideo.Memory.Analytics;

/// <summary>
/// Where and how to reach TikTok's Display API video query: the base URL, a user access token with the
/// <c>video.list</c> scope, and how hard to retry transient failures.
/// </summary>
public sealed class TikTokAnalyticsOptions
{
    /// <summary>The API root; a loopback http URL is accepted for a local fake.</summary>
    public string BaseUrl { get; set; } = "https://open.tiktokapis.com";

    /// <summary>The user access token, sent as <c>Authorization: Bearer</c> and never logged or put in an exception.</summary>
    public string AccessToken { get; set; } = "";

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
        if (AnalyticsBaseUrl.Check("TikTok", BaseUrl) is { } urlError) errors.Add(urlError);
        if (string.IsNullOrWhiteSpace(AccessToken))
        {
            errors.Add("TikTok AccessToken is missing: set it to a user access token with the video.list scope");
        }
        errors.AddRange(RetrySettings.Validate("TikTok"));
        return errors;
    }

    internal AnalyticsRetrySettings RetrySettings => new(MaxRetries, RetryBaseDelay, MaxRetryDelay);
}
