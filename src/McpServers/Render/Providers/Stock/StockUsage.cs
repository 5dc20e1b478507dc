namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>How many API requests the stock sources made (every search that reached the provider, retries included).</summary>
public sealed class StockUsage(StockDatabase database)
{
    /// <summary>Requests to <paramref name="provider"/> ("pexels", "pixabay") at or after <paramref name="since"/>.</summary>
    public int Count(string provider, DateTimeOffset since)
    {
        using var connection = database.Open();
        using var command = StockDatabase.Command(connection, null, "SELECT COUNT(*) FROM stock_requests WHERE provider=$p AND at_ticks>=$since",
            ("$p", provider), ("$since", since.UtcTicks));
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
