using AiVideo.Core.Domain;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>One file of a stock video at one size (a Pexels <c>video_files[]</c> entry, a Pixabay <c>videos.large</c> …).</summary>
public sealed record StockRendition(int Width, int Height, string Url, long? SizeBytes = null);

/// <summary>
/// One search result: the provider's id, the text it is ranked by (Pixabay tags; the words of a Pexels page slug), its
/// length and size, the renditions to download, and who to credit.
/// </summary>
public sealed record StockItem(string Provider, string Id, string Text, double DurationSec, int Width, int Height, IReadOnlyList<StockRendition> Renditions, VisualCredit Credit)
{
    /// <summary>"pexels:123456": the key that says "this stock item" whatever rendition was downloaded.</summary>
    public string Key => $"{Provider}:{Id}";
}
