using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiVideo.McpServers.Publish.Webhook;

/// <summary>
/// The webhook publisher's settings, <c>Publish:Webhook:*</c> (env <c>AIVIDEO__PUBLISH__WEBHOOK__URL</c>, …); the secret
/// may also come from <c>AIVIDEO_WEBHOOK_SECRET</c>. Durations are seconds (<c>30</c>) or a time span (<c>00:00:30</c>).
/// The secret never appears in logs, messages or <see cref="ToString"/>.
/// </summary>
public sealed class WebhookOptions
{
    public const int MinSecretLength = 16;

    /// <summary>The n8n Webhook node's production URL (or any receiver's).</summary>
    public Uri? Url { get; set; }

    /// <summary>The HMAC-SHA256 key shared with the receiver. Unset → requests are not signed.</summary>
    public string? Secret { get; set; }

    public WebhookMode Mode { get; set; } = WebhookMode.Json;

    /// <summary>json mode: where the operator serves <c>&lt;out&gt;/webhook-media/</c>; the video URL is <c>PublicBaseUrl/&lt;sha256&gt;.mp4</c>.</summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Where json mode puts the videos it hands out (content-addressed copies). Default <c>&lt;out&gt;/webhook-media</c>.</summary>
    public string MediaDirectory { get; set; } = Path.Combine("out", "webhook-media");

    public TimeSpan StatusPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest a publish waits for a 202's status URL to answer published/failed (and the cap on Retry-After).</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Per request. A POST with no answer within it has an unknown result: its intent stays pending.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retries of a POST answered 429 or 5xx (or refused before it was sent).</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First backoff delay; doubles each retry (Retry-After wins when the receiver sends one).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public bool Signed => !string.IsNullOrEmpty(Secret);

    public override string ToString() => $"webhook {Url?.Host} ({Mode}, signed: {Signed})";

    public static WebhookOptions FromConfiguration(IConfiguration configuration, string outRoot, out IReadOnlyList<string> errors)
    {
        var list = new List<string>();
        var section = configuration.GetSection("Publish:Webhook");
        var options = new WebhookOptions
        {
            Url = AbsoluteHttp(section["Url"], "Publish:Webhook:Url", list, required: true),
            Secret = section["Secret"] is { Length: > 0 } s ? s : configuration["WEBHOOK_SECRET"] is { Length: > 0 } e ? e : null,
            PublicBaseUrl = AbsoluteHttp(section["PublicBaseUrl"], "Publish:Webhook:PublicBaseUrl", list, required: false),
            MediaDirectory = Path.GetFullPath(Path.Combine(outRoot, "webhook-media")),
        };
        if (section["Mode"] is { Length: > 0 } mode)
        {
            if (Enum.TryParse<WebhookMode>(mode, ignoreCase: true, out var parsed) && !int.TryParse(mode, out _)) options.Mode = parsed;
            else list.Add($"Publish:Webhook:Mode = '{mode}' must be json or multipart");
        }
        options.StatusPollInterval = Duration(section, "StatusPollInterval", options.StatusPollInterval, list);
        options.MaxWait = Duration(section, "MaxWait", options.MaxWait, list);
        options.Timeout = Duration(section, "Timeout", options.Timeout, list);
        options.RetryBaseDelay = Duration(section, "RetryBaseDelay", options.RetryBaseDelay, list);
        if (section["MaxRetries"] is { Length: > 0 } retries)
        {
            if (int.TryParse(retries, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n is >= 0 and <= 10) options.MaxRetries = n;
            else list.Add($"Publish:Webhook:MaxRetries = '{retries}' must be a whole number 0..10");
        }
        list.AddRange(options.Validate().Where(e => !list.Contains(e)));
        errors = list;
        return options;
    }

    /// <summary>Everything wrong, one line each (never quoting the secret).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Url is null || !Url.IsAbsoluteUri || Url.Scheme is not ("http" or "https"))
        {
            errors.Add("Publish:Webhook:Url must be an absolute http(s) URL (the n8n Webhook node's production URL)");
        }
        if (Secret is { Length: > 0 and < MinSecretLength })
        {
            errors.Add($"Publish:Webhook:Secret (or AIVIDEO_WEBHOOK_SECRET) must be at least {MinSecretLength} characters");
        }
        if (Mode == WebhookMode.Json && PublicBaseUrl is null)
        {
            errors.Add("Publish:Webhook:PublicBaseUrl is required in json mode (the URL where <out>/webhook-media/ is served), or set Publish:Webhook:Mode=multipart");
        }
        if (StatusPollInterval <= TimeSpan.Zero) errors.Add("Publish:Webhook:StatusPollInterval must be positive");
        if (MaxWait <= TimeSpan.Zero) errors.Add("Publish:Webhook:MaxWait must be positive");
        if (Timeout <= TimeSpan.Zero) errors.Add("Publish:Webhook:Timeout must be positive");
        if (RetryBaseDelay < TimeSpan.Zero) errors.Add("Publish:Webhook:RetryBaseDelay must not be negative");
        if (MaxRetries is < 0 or > 10) errors.Add("Publish:Webhook:MaxRetries must be 0..10");
        return errors;
    }

    private static Uri? AbsoluteHttp(string? value, string key, List<string> errors, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add($"{key} must be an absolute http(s) URL (the n8n Webhook node's production URL)");
            return null;
        }
        if (Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https") return uri;
        errors.Add($"{key} = '{value}' is not an absolute http(s) URL");
        return null;
    }

    private static TimeSpan Duration(IConfiguration section, string key, TimeSpan fallback, List<string> errors)
    {
        if (section[key] is not { Length: > 0 } text) return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds >= 0) return TimeSpan.FromSeconds(seconds);
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span >= TimeSpan.Zero) return span;
        errors.Add($"Publish:Webhook:{key} = '{text}' must be seconds (30) or a time span (00:00:30)");
        return fallback;
    }
}
