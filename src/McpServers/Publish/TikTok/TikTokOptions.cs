using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiVideo.McpServers.Publish.TikTok;

/// <summary>
/// The TikTok publisher's settings, <c>Publish:TikTok:*</c> (env <c>AIVIDEO__PUBLISH__TIKTOK__CLIENTKEY</c>, …).
/// The client secret and refresh token never appear in logs, messages or <see cref="ToString"/>.
/// </summary>
public sealed class TikTokOptions
{
    public const long MinChunk = 5L * 1024 * 1024;
    public const long MaxChunk = 64L * 1024 * 1024;
    public const long MaxLastChunk = 128L * 1024 * 1024;
    private const string Section = "Publish:TikTok";

    public string? ClientKey { get; set; }

    public string? ClientSecret { get; set; }

    /// <summary>The OAuth refresh token (scopes video.upload and/or video.publish) — read through <see cref="ITikTokTokenStore"/>.</summary>
    public string? RefreshToken { get; set; }

    public Uri TokenUrl { get; set; } = new("https://open.tiktokapis.com/v2/oauth/token/");

    public Uri ApiBaseUrl { get; set; } = new("https://open.tiktokapis.com");

    /// <summary>inbox (upload to the creator's inbox, scope video.upload; the default: unaudited apps) or direct (scope video.publish).</summary>
    public string Mode { get; set; } = "inbox";

    /// <summary>Direct mode only; unaudited apps may only post SELF_ONLY.</summary>
    public string PrivacyLevel { get; set; } = "SELF_ONLY";

    public bool DisableDuet { get; set; }

    public bool DisableComment { get; set; }

    public bool DisableStitch { get; set; }

    public int VideoCoverTimestampMs { get; set; } = 1000;

    /// <summary>Bytes per PUT, 5–64 MB (TikTok's rule); the last chunk takes the remainder (up to 128 MB); a file under one chunk goes whole.</summary>
    public long ChunkSizeBytes { get; set; } = 10L * 1024 * 1024;

    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a publish polls the status before leaving the key pending (a later publish or find resumes it).</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(5);

    public int MaxRetries { get; set; } = 4;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    public int InitsPerMinute { get; set; } = 6;

    public int StatusCallsPerMinute { get; set; } = 30;

    public bool Direct => Mode == "direct";

    public override string ToString() => $"tiktok {ApiBaseUrl.Host} ({Mode}, {PrivacyLevel}, chunks of {ChunkSizeBytes / (1024 * 1024)} MB)";

    public static TikTokOptions FromConfiguration(IConfiguration configuration, out IReadOnlyList<string> errors)
    {
        var list = new List<string>();
        var section = configuration.GetSection(Section);
        var options = new TikTokOptions
        {
            ClientKey = Text(section["ClientKey"]),
            ClientSecret = Text(section["ClientSecret"]),
            RefreshToken = Text(section["RefreshToken"]),
        };
        options.TokenUrl = Url(section, "TokenUrl", options.TokenUrl, list);
        options.ApiBaseUrl = Url(section, "ApiBaseUrl", options.ApiBaseUrl, list);
        if (Text(section["Mode"]) is { } mode) options.Mode = mode.ToLowerInvariant();
        if (Text(section["PrivacyLevel"]) is { } privacy) options.PrivacyLevel = privacy.ToUpperInvariant();
        options.DisableDuet = Bool(section, "DisableDuet", list) ?? false;
        options.DisableComment = Bool(section, "DisableComment", list) ?? false;
        options.DisableStitch = Bool(section, "DisableStitch", list) ?? false;
        options.VideoCoverTimestampMs = (int)Long(section, "VideoCoverTimestampMs", options.VideoCoverTimestampMs, list);
        options.ChunkSizeBytes = Long(section, "ChunkSizeBytes", options.ChunkSizeBytes, list);
        options.MaxRetries = (int)Long(section, "MaxRetries", options.MaxRetries, list);
        options.StatusPollInterval = Seconds(section, "StatusPollInterval", options.StatusPollInterval, list);
        options.MaxWait = Seconds(section, "MaxWait", options.MaxWait, list);
        options.RetryBaseDelay = Seconds(section, "RetryBaseDelay", options.RetryBaseDelay, list);
        options.Timeout = Seconds(section, "Timeout", options.Timeout, list);
        list.AddRange(options.Validate().Where(e => !list.Contains(e)));
        errors = list;
        return options;
    }

    /// <summary>Everything wrong, one line each (never quoting a secret).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(ClientKey)) errors.Add($"{Section}:ClientKey is required (the client key of your TikTok developer app)");
        if (string.IsNullOrWhiteSpace(ClientSecret)) errors.Add($"{Section}:ClientSecret is required");
        if (string.IsNullOrWhiteSpace(RefreshToken)) errors.Add($"{Section}:RefreshToken is required (an OAuth refresh token with scope video.upload or video.publish)");
        if (Mode is not ("inbox" or "direct")) errors.Add($"{Section}:Mode = '{Mode}' must be inbox or direct");
        if (PrivacyLevel is not ("SELF_ONLY" or "MUTUAL_FOLLOW_FRIENDS" or "FOLLOWER_OF_CREATOR" or "PUBLIC_TO_EVERYONE"))
        {
            errors.Add($"{Section}:PrivacyLevel = '{PrivacyLevel}' must be SELF_ONLY, MUTUAL_FOLLOW_FRIENDS, FOLLOWER_OF_CREATOR or PUBLIC_TO_EVERYONE");
        }
        if (ChunkSizeBytes is < MinChunk or > MaxChunk) errors.Add($"{Section}:ChunkSizeBytes = {ChunkSizeBytes} must be 5242880..67108864 (5–64 MB, TikTok's rule)");
        if (VideoCoverTimestampMs < 0) errors.Add($"{Section}:VideoCoverTimestampMs must not be negative");
        if (MaxRetries is < 0 or > 10) errors.Add($"{Section}:MaxRetries = {MaxRetries} must be 0..10");
        if (StatusPollInterval <= TimeSpan.Zero) errors.Add($"{Section}:StatusPollInterval must be positive");
        if (MaxWait < TimeSpan.Zero) errors.Add($"{Section}:MaxWait must not be negative");
        if (Timeout <= TimeSpan.Zero) errors.Add($"{Section}:Timeout must be positive");
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

    private static long Long(IConfiguration section, string key, long fallback, List<string> errors)
    {
        if (Text(section[key]) is not { } value) return fallback;
        if (long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)) return n;
        errors.Add($"{Section}:{key} = '{value}' must be a whole number");
        return fallback;
    }
}
