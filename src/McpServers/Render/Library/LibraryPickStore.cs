using System.Globalization;
using System.Text.Json;
using AiVideo.Core.Domain;
using Microsoft.Data.Sqlite;

namespace AiVideo.McpServers.Render.Library;

/// <summary>
/// The Render server's own record of which library items each (channel, run) used — <c>render.db</c> in its data
/// directory, never opened by anyone else. A pick is made and recorded in one step under a lock (in process) and an
/// immediate transaction (across processes), so shots of one run rendered in parallel never take the same item; a
/// repeated request for the same (channel, run, shot) returns the recorded pick. The database is created on first use,
/// so a server that never uses the library writes nothing.
/// </summary>
public sealed class LibraryPickStore : IDisposable
{
    public const string FileName = "render.db";

    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly string _connectionString;
    private bool _created;

    public LibraryPickStore(LibrarySourceOptions options)
    {
        DatabasePath = Path.Combine(options.DataDirectory, FileName);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString();
    }

    public string DatabasePath { get; }

    /// <summary>Creates the database and its table (under the lock, once).</summary>
    private void EnsureCreated()
    {
        if (_created) return;
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        using var connection = Open();
        Execute(connection, null, """
            PRAGMA journal_mode=WAL;
            CREATE TABLE IF NOT EXISTS library_picks (
                seq INTEGER PRIMARY KEY AUTOINCREMENT,
                channel_id TEXT NOT NULL,
                run_id TEXT NOT NULL,
                shot_id TEXT NOT NULL,
                library TEXT NOT NULL,
                duration_sec REAL NOT NULL,
                parts_json TEXT NOT NULL,
                picked_at TEXT NOT NULL,
                UNIQUE (channel_id, run_id, shot_id));
            CREATE INDEX IF NOT EXISTS library_picks_channel ON library_picks (channel_id, library, seq);
            """);
        _created = true;
    }

    /// <summary>
    /// The pick of (channel, run, shot): the recorded one when it exists (for the same beat length), otherwise
    /// <paramref name="plan"/>'s answer given every item this run's other shots and the channel's last
    /// <paramref name="avoidRecentVideos"/> other runs used from the same library — recorded before it is returned.
    /// </summary>
    /// <returns>The parts and whether they were recorded earlier.</returns>
    public async Task<(IReadOnlyList<VisualPart> Parts, bool Recorded)> PickAsync(string channelId, string runId, string shotId, string library, double durationSec,
        int avoidRecentVideos, Func<IReadOnlySet<string>, IReadOnlyList<VisualPart>> plan, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureCreated();
            using var connection = Open();
            using var transaction = (SqliteTransaction)connection.BeginTransaction(deferred: false);
            using (var existing = Command(connection, transaction, "SELECT parts_json, duration_sec, library FROM library_picks WHERE channel_id=$c AND run_id=$r AND shot_id=$s",
                ("$c", channelId), ("$r", runId), ("$s", shotId)))
            using (var reader = existing.ExecuteReader())
            {
                if (reader.Read() && Math.Abs(reader.GetDouble(1) - durationSec) < 1e-6 && reader.GetString(2) == library)
                {
                    return (JsonSerializer.Deserialize<List<VisualPart>>(reader.GetString(0))!, true);
                }
            }
            var excluded = UsedItems(connection, transaction, channelId, runId, shotId, library, avoidRecentVideos);
            var parts = plan(excluded);
            using (var insert = Command(connection, transaction, """
                INSERT INTO library_picks (channel_id, run_id, shot_id, library, duration_sec, parts_json, picked_at) VALUES ($c, $r, $s, $l, $d, $p, $t)
                ON CONFLICT (channel_id, run_id, shot_id) DO UPDATE SET library=excluded.library, duration_sec=excluded.duration_sec, parts_json=excluded.parts_json, picked_at=excluded.picked_at
                """, ("$c", channelId), ("$r", runId), ("$s", shotId), ("$l", library), ("$d", durationSec), ("$p", JsonSerializer.Serialize(parts)),
                ("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture))))
            {
                insert.ExecuteNonQuery();
            }
            transaction.Commit();
            return (parts, false);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Items used by the run's other shots and by the channel's last <paramref name="recentVideos"/> other runs.</summary>
    private static HashSet<string> UsedItems(SqliteConnection connection, SqliteTransaction transaction, string channelId, string runId, string shotId, string library, int recentVideos)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        using var command = Command(connection, transaction, """
            SELECT parts_json FROM library_picks
            WHERE channel_id=$c AND library=$l AND (
                (run_id=$r AND shot_id<>$s)
                OR run_id IN (SELECT run_id FROM library_picks WHERE channel_id=$c AND library=$l AND run_id<>$r
                              GROUP BY run_id ORDER BY MAX(seq) DESC LIMIT $n))
            """, ("$c", channelId), ("$l", library), ("$r", runId), ("$s", shotId), ("$n", Math.Max(0, recentVideos)));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            foreach (var part in JsonSerializer.Deserialize<List<VisualPart>>(reader.GetString(0)) ?? []) used.Add(part.Item);
        }
        return used;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        Execute(connection, null, "PRAGMA busy_timeout=5000;");
        return connection;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = Command(connection, transaction, sql);
        command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters) command.Parameters.AddWithValue(name, value);
        return command;
    }

    public void Dispose() => _lock.Dispose();
}
