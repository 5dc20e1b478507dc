using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiVideo.McpServers.Publish.YouTube;

/// <summary>
/// The YouTube Shorts publisher's settings, <c>Publish:YouTube:*</c> (env <c>AIVIDEO__PUBLISH__YOUTUBE__CLIENTID</c>, …).
/// The client secret and refresh token never appear in logs, messages or <see cref="ToString"/>.
/// </summary>
public sealed class YouTubeOptions
{
    public const int ChunkUnit = 256 * 1024;
    private const string Section = "Publish:YouTube";

    public string? ClientId { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The OAuth refresh token (scope youtube.upload) — read through <see cref="ITokenStore"/>.</summary>
    public string? RefreshToken { get; set; }

    public Uri TokenUrl { get; set; } = new("https://oauth2.googleapis.com/token");

    public Uri UploadUrl { get; set; } = new("https://www.googleapis.com/upload/youtube/v3/videos");

    public Uri ApiBaseUrl { get; set; } = new("https://www.googleapis.com/youtube/v3");

    /// <summary>private | unlisted | public. Projects Google has not audited can only upload private videos.</summary>
    public string PrivacyStatus { get; set; } = "private";

    public string CategoryId { get; set; } = "28";

    public bool MadeForKids { get; set; }

    /// <summary>status.containsSyntheticMedia; unset → the field is not sent.</summary>
    public bool? ContainsSyntheticMedia { get; set; }

    /// <summary>Bytes per PUT; a multiple of 256 KiB (YouTube's rule). Default 8 MiB.</summary>
    public int ChunkSizeBytes { get; set; } = 8 * 1024 * 1024;

    /// <summary>videos.insert calls allowed per UTC day (YouTube's own bucket, 100 by default).</summary>
    public int DailyUploadQuota { get; set; } = 100;

    /// <summary>Retries of one request answered 500/502/503/504 or interrupted (the count restarts after progress).</summary>
    public int MaxRetries { get; set; } = 5;

    /// <summary>First backoff delay; doubles each retry.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Per request (one chunk, one status query, one token refresh).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How long a publish waits for YouTube to finish processing the upload (0 = do not wait).</summary>
    public TimeSpan ProcessingMaxWait { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan ProcessingPollInterval { get; set; } = TimeSpan.FromSeconds(15);

    public override string ToString() => $"youtube {UploadUrl.Host} ({PrivacyStatus}, chunks of {ChunkSizeBytes / 1024} KiB)";

    public static YouTubeOptions FromConfiguration(IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        var list = new List<string>();
        var section = configuration.GetSection(Section);
        var options = new YouTubeOptions
        {
            ClientId = Text(section["ClientId"]),
            ClientSecret = Text(section["ClientSecret"]),
            RefreshToken = Text(section["RefreshToken"]),
        };
        options.TokenUrl = Url(section, "TokenUrl", options.TokenUrl, list);
        options.UploadUrl = Url(section, "UploadUrl", options.UploadUrl, list);
        options.ApiBaseUrl = Url(section, "ApiBaseUrl", options.ApiBaseUrl, list);
        if (Text(section["PrivacyStatus"]) is { } privacy) options.PrivacyStatus = privacy.ToLowerInvariant();
        if (Text(section["CategoryId"]) is { } category) options.CategoryId = category;
        options.MadeForKids = Bool(section, "MadeForKids", list) ?? false;
        options.ContainsSyntheticMedia = Bool(section, "ContainsSyntheticMedia", list);
        options.ChunkSizeBytes = Int(section, "ChunkSizeBytes", options.ChunkSizeBytes, list);
        options.DailyUploadQuota = Int(section, "DailyUploadQuota", options.DailyUploadQuota, list);
        options.MaxRetries = Int(section, "MaxRetries", options.MaxRetries, list);
        if (Text(section["RetryBaseDelay"]) is { } delay)
        {
            if (double.TryParse(delay, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0) options.RetryBaseDelay = TimeSpan.FromSeconds(s);
            else list.Add($"{Section}:RetryBaseDelay = '{delay}' must be seconds");
        }
        if (Text(section["Timeout"]) is { } timeout)
        {
            if (double.TryParse(timeout, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s > 0) options.Timeout = TimeSpan.FromSeconds(s);
            else list.Add($"{Section}:Timeout = '{timeout}' must be seconds");
        }
        options.ProcessingMaxWait = Seconds(section, "ProcessingMaxWait", options.ProcessingMaxWait, list);
        options.ProcessingPollInterval = Seconds(section, "ProcessingPollInterval", options.ProcessingPollInterval, list);
        list.AddRange(options.Validate().Where(e => !list.Contains(e)));
        errors = list;
        return options;
    }

    /// <summary>Everything wrong, one line each (never quoting a secret).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ClientId)) errors.Add($"{Section}:ClientId is required (the OAuth client of your Google Cloud project)");
        if (string.IsNullOrWhiteSpace(ClientSecret)) errors.Add($"{Section}:ClientSecret is required");
        if (string.IsNullOrWhiteSpace(RefreshToken)) errors.Add($"{Section}:RefreshToken is required (an OAuth refresh token with scope youtube.upload)");
        if (PrivacyStatus is not ("private" or "unlisted" or "public")) errors.Add($"{Section}:PrivacyStatus = '{PrivacyStatus}' must be private, unlisted or public");
        if (string.IsNullOrWhiteSpace(CategoryId) || !CategoryId.All(char.IsAsciiDigit)) errors.Add($"{Section}:CategoryId = '{CategoryId}' must be a YouTube category number (28 = Science & Technology)");
        if (ChunkSizeBytes <= 0 || ChunkSizeBytes % ChunkUnit != 0) errors.Add($"{Section}:ChunkSizeBytes = {ChunkSizeBytes} must be a positive multiple of 262144 (256 KiB)");
        if (DailyUploadQuota is < 1 or > 100_000) errors.Add($"{Section}:DailyUploadQuota = {DailyUploadQuota} must be 1..100000");
        if (MaxRetries is < 0 or > 10) errors.Add($"{Section}:MaxRetries = {MaxRetries} must be 0..10");
        if (RetryBaseDelay < TimeSpan.Zero) errors.Add($"{Section}:RetryBaseDelay must not be negative");
        if (Timeout <= TimeSpan.Zero) errors.Add($"{Section}:Timeout must be positive");
        if (ProcessingMaxWait < TimeSpan.Zero) errors.Add($"{Section}:ProcessingMaxWait must not be negative");
        if (ProcessingPollInterval <= TimeSpan.Zero) errors.Add($"{Section}:ProcessingPollInterval must be positive");
        return errors;
    }

    private static string? Text(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Uri Url(IConfiguration section, string key, Uri fallback, List<string> errors)
    {
        if (Text(section[key]) is not { } value) return fallback;
        if (Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        errors.Add($"{Section}:{key} = '{value}' is not an absolute http(s) URL");
        return fallback;
    }

    private static TimeSpan Seconds(IConfiguration section, string key, TimeSpan fallback, List<string> errors)
    {
        if (Text(section[key]) is not { } value) return fallback;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s >= 0) return TimeSpan.FromSeconds(s);
        errors.Add($"{Section}:{key} = '{value}' must be seconds");
        return fallback;
    }

    private static bool? Bool(IConfiguration section, string key, List<string> errors)
    {
        if (Text(section[key]) is not { } value) return null;
        if (bool.TryParse(value, out var b)) return b;
        errors.Add($"{Section}:{key} = '{value}' must be true or false");
        return null;
    }

    private static int Int(IConfiguration section, string key, int fallback, List<string> errors)
    {
        if (Text(section[key]) is not { } value) return fallback;
        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        errors.Add($"{Section}:{key} = '{value}' must be a whole number");
        return fallback;
    }
}
