namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>A stock provider's video search, results in the provider's order.</summary>
public interface IStockSearchClient
{
    /// <summary>The source name (<c>pexels</c>, <c>pixabay</c>).</summary>
    string Provider { get; }

    StockProviderOptions Options { get; }

    /// <exception cref="StockApiException">The provider refused (key, limits) or answered something unreadable.</exception>
    Task<IReadOnlyList<StockItem>> SearchAsync(string query, CancellationToken cancellationToken);
}
