namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary><c>Render:Pexels</c>: 200 requests per hour (20 000 a month) by default; <c>per_page</c> 1..80.</summary>
public sealed class PexelsOptions : StockProviderOptions
{
    public const string DefaultBaseUrl = "https://api.pexels.com";

    public PexelsOptions()
    {
        BaseUrl = DefaultBaseUrl;
        PerPage = 20;
        RateLimit = 200;
        RateWindowSec = 3600;
    }

    public override string DisplayName => "Pexels";
    public override string Section => "Render:Pexels";
    public override string KeyEnvironmentVariable => "PEXELS_API_KEY";
    public override int MinPerPage => 1;
    public override int MaxPerPage => 80;
    protected override string DefaultBaseUrlHint => DefaultBaseUrl;
}
