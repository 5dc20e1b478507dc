using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// A sliding-window limit on a provider's API requests that holds across processes: every request is a row in
/// <c>stock_requests</c> (time from <see cref="TimeProvider"/>), and a request is let through only while fewer than the
/// limit were made in the last window — checked and recorded in one immediate transaction, so two makes running at once
/// share the budget. When the window is full it WAITS until the oldest request leaves it (at most one window, and the
/// cancellation token is honoured) instead of failing. The same rows are the request counts (<see cref="StockUsage"/>).
/// </summary>
public sealed class StockRateLimiter(StockDatabase database, TimeProvider time, ILogger<StockRateLimiter> logger)
{
    /// <summary>Rows older than this are removed (they count for nothing any more but the monthly totals).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(40);

    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(50);

    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Waits for a free slot in the window and records the request; returns how many the window now holds.</summary>
    public async Task<int> AcquireAsync(string provider, int limit, TimeSpan window, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                (var inWindow, wait) = TryTake(provider, limit, window);
                if (wait <= TimeSpan.Zero) return inWindow;
            }
            finally
            {
                _lock.Release();
            }
            logger.LogWarning("{Provider} rate limit of {Limit} requests per {Window} reached: waiting {Wait:0.#} s", provider, limit, window, wait.TotalSeconds);
            await Task.Delay(wait, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private (int InWindow, TimeSpan Wait) TryTake(string provider, int limit, TimeSpan window)
    {
        var now = time.GetUtcNow().UtcTicks;
        using var connection = database.Open();
        using var transaction = (SqliteTransaction)connection.BeginTransaction(deferred: false);
        var recent = new List<long>();
        using (var select = StockDatabase.Command(connection, transaction,
            "SELECT at_ticks FROM stock_requests WHERE provider=$p AND at_ticks>$from ORDER BY at_ticks", ("$p", provider), ("$from", now - window.Ticks)))
        using (var reader = select.ExecuteReader())
        {
            while (reader.Read()) recent.Add(reader.GetInt64(0));
        }
        if (recent.Count < limit)
        {
            StockDatabase.Execute(connection, transaction, "INSERT INTO stock_requests (provider, at_ticks) VALUES ($p, $t)", ("$p", provider), ("$t", now));
            StockDatabase.Execute(connection, transaction, "DELETE FROM stock_requests WHERE at_ticks<$old", ("$old", now - Retention.Ticks));
            transaction.Commit();
            return (recent.Count + 1, TimeSpan.Zero);
        }
        transaction.Commit();
        // The request that must leave the window before one more fits; clamped so a clock that went back never waits longer than a window.
        var leaves = recent[recent.Count - limit] + window.Ticks;
        var wait = TimeSpan.FromTicks(Math.Clamp(leaves - now, 0, window.Ticks)) + Margin;
        return (recent.Count, wait);
    }
}
