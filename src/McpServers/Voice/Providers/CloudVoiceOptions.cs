using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiVideo.McpServers.Voice.Providers;

/// <summary>What every cloud voice is configured with; keys fall back to the provider's conventional environment variable.</summary>
public abstract class CloudVoiceOptions
{
    public string? ApiKey { get; set; }
    public string BaseUrl { get; set; } = "";
    public string Model { get; set; } = "";

    /// <summary>List price in USD per 1000 characters of text sent.</summary>
    public decimal UsdPer1kChars { get; set; }

    /// <summary>Longest text sent in one request; longer narration is split at sentence ends.</summary>
    public int MaxCharsPerRequest { get; set; }

    /// <summary>Attempts for a 429 / 5xx / unreachable answer before giving up (1 = no retry).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Longest single wait between attempts (Retry-After is honoured up to this).</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First backoff without Retry-After (doubles per attempt).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(120);

    public abstract string Section { get; }
    public abstract string DisplayName { get; }
    public abstract string KeyEnvironmentVariable { get; }

    /// <summary>Names the setting to fix (never the key itself).</summary>
    public string KeySettingHint => $"{Section}:ApiKey (environment AIVIDEO__{Section.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant()}__APIKEY or {KeyEnvironmentVariable})";

    public bool HasKey => !string.IsNullOrWhiteSpace(ApiKey);

    /// <summary>The price of <paramref name="characters"/> characters, rounded to micro-dollars.</summary>
    public decimal PriceUsd(int characters) => Math.Round(characters * UsdPer1kChars / 1000m, 6, MidpointRounding.AwayFromZero);

    /// <summary>Binds <see cref="Section"/> over the defaults; the key falls back to <see cref="KeyEnvironmentVariable"/>.</summary>
    public void Bind(IConfiguration configuration, Func<string, string?> environment)
    {
        var section = configuration.GetSection(Section);
        ApiKey = section["ApiKey"] is { Length: > 0 } key ? key : environment(KeyEnvironmentVariable);
        BaseUrl = section["BaseUrl"] is { Length: > 0 } url ? url : BaseUrl;
        Model = section["Model"] is { Length: > 0 } model ? model : Model;
        UsdPer1kChars = Decimal(section, "UsdPer1kChars") ?? UsdPer1kChars;
        MaxCharsPerRequest = (int?)Decimal(section, "MaxCharsPerRequest") ?? MaxCharsPerRequest;
        MaxAttempts = (int?)Decimal(section, "MaxAttempts") ?? MaxAttempts;
        BindMore(section);
    }

    protected virtual void BindMore(IConfigurationSection section)
    {
    }

    /// <summary>Everything wrong, one line each (a missing key is not an error here: the tool names it when the voice is used).</summary>
    public virtual IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")) errors.Add($"{Section}:BaseUrl '{BaseUrl}' must be an http(s) URL");
        if (string.IsNullOrWhiteSpace(Model)) errors.Add($"{Section}:Model must name a model");
        if (UsdPer1kChars is < 0 or > 100) errors.Add($"{Section}:UsdPer1kChars {UsdPer1kChars} must be 0..100");
        if (MaxAttempts is < 1 or > 10) errors.Add($"{Section}:MaxAttempts {MaxAttempts} must be 1..10");
        return errors;
    }

    private decimal? Decimal(IConfigurationSection section, string name)
    {
        if (section[name] is not { Length: > 0 } text) return null;
        return decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"{Section}:{name} must be a number, got '{text}'");
    }
}
