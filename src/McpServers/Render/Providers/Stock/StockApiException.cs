namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// A stock API call failed in a way the operator can read: a refused key (naming the setting, never the key), limits
/// still exhausted after the bounded waits, a server error after the bounded retries, or an answer that is not the
/// documented JSON.
/// </summary>
public sealed class StockApiException(string message, Exception? inner = null) : Exception(message, inner);
