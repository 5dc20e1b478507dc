namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// Where the stock sources keep their state under the Render server's data directory (<c>AIVIDEO_RENDER_DATA</c>):
/// <c>&lt;data&gt;/stock/stock.db</c> (request log and picks), <c>&lt;data&gt;/stock/&lt;provider&gt;/</c> (downloaded
/// files) and <c>&lt;data&gt;/stock/&lt;provider&gt;/responses/</c> (cached search answers).
/// </summary>
public sealed class StockStorage(string dataDirectory)
{
    /// <summary>The folder the composer reads parts from; a part's item is relative to it ("pexels/123-720x1280.mp4").</summary>
    public string Root { get; } = Path.Combine(Path.GetFullPath(dataDirectory), "stock");

    public string DatabasePath => Path.Combine(Root, "stock.db");

    public string ProviderFolder(string provider) => Path.Combine(Root, provider);

    public string ResponseFolder(string provider) => Path.Combine(Root, provider, "responses");

    public string FullPath(string relativeItem) => Path.GetFullPath(Path.Combine(Root, relativeItem));
}
