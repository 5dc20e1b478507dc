using System.Globalization;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// One stock provider's settings, bound from <c>Render:&lt;Provider&gt;</c> (environment
/// <c>AIVIDEO__RENDER__&lt;PROVIDER&gt;__APIKEY</c> etc.). The key falls back to the provider's conventional environment
/// variable (<c>PEXELS_API_KEY</c>, <c>PIXABAY_API_KEY</c>) when the setting is empty. Never logged.
/// </summary>
public abstract class StockProviderOptions
{
    public string ApiKey { get; set; } = "";

    public string BaseUrl { get; set; } = "";

    /// <summary>Results asked for per search (the provider's <c>per_page</c>).</summary>
    public int PerPage { get; set; }

    /// <summary>Results whose text is less similar than this to the shot's query are never picked (0..1).</summary>
    public double MinScore { get; set; } = Library.LibrarySourceOptions.DefaultMinScore;

    /// <summary>Requests allowed per <see cref="RateWindowSec"/> (the provider's published limit by default).</summary>
    public int RateLimit { get; set; }

    public double RateWindowSec { get; set; }

    /// <summary>The provider's name as shown to people ("Pexels").</summary>
    public abstract string DisplayName { get; }

    /// <summary>The configuration section ("Render:Pexels").</summary>
    public abstract string Section { get; }

    /// <summary>The conventional environment variable holding the key ("PEXELS_API_KEY").</summary>
    public abstract string KeyEnvironmentVariable { get; }

    public abstract int MinPerPage { get; }

    public abstract int MaxPerPage { get; }

    /// <summary>The environment variable an operator sets for <paramref name="property"/>, e.g. AIVIDEO__RENDER__PEXELS__APIKEY.</summary>
    public string Setting(string property) => "AIVIDEO__" + Section.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant() + "__" + property.ToUpperInvariant();

    /// <summary>Where to put the key, for messages (never the key itself).</summary>
    public string KeyHint => $"{Setting(nameof(ApiKey))} (or {KeyEnvironmentVariable})";

    public TimeSpan RateWindow => TimeSpan.FromSeconds(RateWindowSec);

    /// <summary>Everything wrong, one line each.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Query.Length > 0)
        {
            errors.Add($"{Setting(nameof(BaseUrl))} must be an absolute http(s) URL without a query, e.g. {DefaultBaseUrlHint}");
        }
        if (PerPage < MinPerPage || PerPage > MaxPerPage)
        {
            errors.Add(string.Create(CultureInfo.InvariantCulture, $"{Setting(nameof(PerPage))} must be {MinPerPage}..{MaxPerPage} (was {PerPage})"));
        }
        if (double.IsNaN(MinScore) || MinScore is < 0 or > 1) errors.Add($"{Setting(nameof(MinScore))} must be a number 0..1");
        if (RateLimit < 1) errors.Add($"{Setting(nameof(RateLimit))} must be at least 1");
        if (double.IsNaN(RateWindowSec) || RateWindowSec <= 0) errors.Add($"{Setting(nameof(RateWindowSec))} must be a positive number of seconds");
        return errors;
    }

    protected abstract string DefaultBaseUrlHint { get; }
}
