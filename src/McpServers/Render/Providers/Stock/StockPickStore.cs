using System.Text.Json;
using AiVideo.Core.Domain;
using Microsoft.Data.Sqlite;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>A picked part and what is needed to fetch it again: the stock item's key ("pexels:123") and the rendition's link.</summary>
public sealed record StockPickedPart(VisualPart Part, string ItemKey, string DownloadUrl);

/// <summary>
/// Which stock items each (provider, run, shot) got, in <c>stock_picks</c>: a pick is planned and recorded in one step under
/// a lock (in process) and an immediate transaction (across processes), given every item the run's other shots already
/// have, so one video never shows the same stock item twice; a repeated request for the same shot (same query, length
/// and size) returns the recorded pick without searching again.
/// </summary>
public sealed class StockPickStore(StockDatabase database, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public async Task<IReadOnlyList<StockPickedPart>?> FindAsync(string provider, string runId, string shotId, string requestKey, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = database.Open();
            return Recorded(connection, null, provider, runId, shotId, requestKey);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The recorded pick, or <paramref name="plan"/>'s answer given the item keys the run's other shots use — recorded before it is returned.</summary>
    public async Task<IReadOnlyList<StockPickedPart>> RecordAsync(string provider, string runId, string shotId, string requestKey,
        Func<IReadOnlySet<string>, IReadOnlyList<StockPickedPart>> plan, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = database.Open();
            using var transaction = (SqliteTransaction)connection.BeginTransaction(deferred: false);
            if (Recorded(connection, transaction, provider, runId, shotId, requestKey) is { } existing) return existing;
            var used = new HashSet<string>(StringComparer.Ordinal);
            using (var others = StockDatabase.Command(connection, transaction, "SELECT item_keys FROM stock_picks WHERE provider=$p AND run_id=$r AND shot_id<>$s",
                ("$p", provider), ("$r", runId), ("$s", shotId)))
            using (var reader = others.ExecuteReader())
            {
                while (reader.Read()) used.UnionWith(reader.GetString(0).Split(' ', StringSplitOptions.RemoveEmptyEntries));
            }
            var parts = plan(used);
            StockDatabase.Execute(connection, transaction, """
                INSERT INTO stock_picks (provider, run_id, shot_id, request_key, item_keys, pick_json, picked_ticks) VALUES ($p, $r, $s, $k, $i, $j, $t)
                ON CONFLICT (provider, run_id, shot_id) DO UPDATE SET request_key=excluded.request_key, item_keys=excluded.item_keys, pick_json=excluded.pick_json, picked_ticks=excluded.picked_ticks
                """, ("$p", provider), ("$r", runId), ("$s", shotId), ("$k", requestKey), ("$i", string.Join(' ', parts.Select(p => p.ItemKey).Distinct(StringComparer.Ordinal))),
                ("$j", JsonSerializer.Serialize(parts)), ("$t", time.GetUtcNow().UtcTicks));
            transaction.Commit();
            return parts;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Drops a shot's pick (its files could not be fetched), so the next request searches again.</summary>
    public async Task ForgetAsync(string provider, string runId, string shotId, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var connection = database.Open();
            StockDatabase.Execute(connection, null, "DELETE FROM stock_picks WHERE provider=$p AND run_id=$r AND shot_id=$s", ("$p", provider), ("$r", runId), ("$s", shotId));
        }
        finally
        {
            _lock.Release();
        }
    }

    private static List<StockPickedPart>? Recorded(SqliteConnection connection, SqliteTransaction? transaction, string provider, string runId, string shotId, string requestKey)
    {
        using var command = StockDatabase.Command(connection, transaction, "SELECT pick_json FROM stock_picks WHERE provider=$p AND run_id=$r AND shot_id=$s AND request_key=$k",
            ("$p", provider), ("$r", runId), ("$s", shotId), ("$k", requestKey));
        return command.ExecuteScalar() is string json ? JsonSerializer.Deserialize<List<StockPickedPart>>(json) : null;
    }

    public void Dispose() => _lock.Dispose();
}
