namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary><c>Render:Pixabay</c>: 100 requests per 60 s by default; <c>per_page</c> 3..200; answers cached 24 h.</summary>
public sealed class PixabayOptions : StockProviderOptions
{
    public const string DefaultBaseUrl = "https://pixabay.com";

    public PixabayOptions()
    {
        BaseUrl = DefaultBaseUrl;
        PerPage = 20;
        RateLimit = 100;
        RateWindowSec = 60;
    }

    /// <summary>How long a search answer is reused (Pixabay's terms ask for 24 h of caching).</summary>
    public double CacheHours { get; set; } = 24;

    public override string DisplayName => "Pixabay";
    public override string Section => "Render:Pixabay";
    public override string KeyEnvironmentVariable => "PIXABAY_API_KEY";
    public override int MinPerPage => 3;
    public override int MaxPerPage => 200;
    protected override string DefaultBaseUrlHint => DefaultBaseUrl;
}
