using System.Globalization;
using Microsoft.Data.Sqlite;

namespace AiVideo.McpServers.Publish.Storage;

/// <summary>One table moved into publish.db: where it came from and how many rows it brought.</summary>
public sealed record MovedTable(string SourceFile, string Table, long Rows);

/// <summary>
/// Moves the Publish server's data out of the files older versions kept it in, into publish.db, on the server's first
/// start: from <c>&lt;out&gt;/aivideo.db</c> (the Host's run store, which used to hold the performance ledger and the
/// SQLite vector memory) the tables <c>performance_videos</c>, <c>performance_metrics</c>, <c>performance_index</c>,
/// <c>performance_schema_version</c>, <c>vector_collections</c> and every <c>vec_*</c> collection table; from
/// <c>&lt;out&gt;/outbox.db</c> the outbox's <c>publications</c> (the file is deleted afterwards).
/// Rows are copied in one transaction on publish.db first (INSERT OR IGNORE, so a second run adds nothing), and only
/// then are the source tables dropped in a second transaction: a crash in between leaves the rows in both places,
/// never in neither, and the next start finishes the move. The run store's own tables are never touched.
/// </summary>
public static class LegacyTableMigration
{
    public const string RunStoreFile = "aivideo.db";
    public const string OutboxFile = "outbox.db";

    public static IReadOnlyList<MovedTable> Run(string outRoot, string target)
    {
        var moved = new List<MovedTable>();
        var runStore = Path.Combine(outRoot, RunStoreFile);
        if (File.Exists(runStore)) moved.AddRange(Move(runStore, target, IsPublishTable));
        var outbox = Path.Combine(outRoot, OutboxFile);
        if (File.Exists(outbox))
        {
            moved.AddRange(Move(outbox, target, name => name == "publications"));
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                if (File.Exists(outbox + suffix)) File.Delete(outbox + suffix);
            }
        }
        return moved;
    }

    /// <summary>The tables of the performance ledger and the SQLite vector store, wherever they are found.</summary>
    public static bool IsPublishTable(string name) =>
        name.StartsWith("performance_", StringComparison.Ordinal) || name == "vector_collections" || name.StartsWith("vec_", StringComparison.Ordinal);

    private static List<MovedTable> Move(string source, string target, Func<string, bool> include)
    {
        var moved = new List<MovedTable>();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, DefaultTimeout = 30, Pooling = false }.ToString());
        connection.Open();
        Execute(connection, "PRAGMA foreign_keys = OFF");
        using (var attach = connection.CreateCommand())
        {
            attach.CommandText = "ATTACH DATABASE $source AS legacy";
            attach.Parameters.AddWithValue("$source", source);
            attach.ExecuteNonQuery();
        }
        try
        {
            var tables = Query(connection, "SELECT name, sql FROM legacy.sqlite_master WHERE type = 'table' AND sql IS NOT NULL")
                .Where(t => include(t.Name))
                // Parents before children (performance_metrics refers to performance_videos).
                .OrderBy(t => t.Name == "performance_videos" ? 0 : 1).ThenBy(t => t.Name, StringComparer.Ordinal)
                .ToList();
            if (tables.Count == 0) return moved;

            using (var copy = connection.BeginTransaction(deferred: false))
            {
                foreach (var (table, sql) in tables)
                {
                    var exists = Scalar(connection, copy, "SELECT COUNT(*) FROM main.sqlite_master WHERE type = 'table' AND name = $n", table) > 0;
                    if (!exists)
                    {
                        Execute(connection, sql, copy);
                        foreach (var (_, indexSql) in Query(connection, "SELECT name, sql FROM legacy.sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name = $n", table, copy))
                        {
                            Execute(connection, indexSql, copy);
                        }
                    }
                    var rows = Scalar(connection, copy, $"SELECT COUNT(*) FROM legacy.\"{table}\"");
                    // A version table keeps the one row it has; everything else is keyed, so a repeated copy adds nothing.
                    var skip = table.EndsWith("schema_version", StringComparison.Ordinal) && Scalar(connection, copy, $"SELECT COUNT(*) FROM main.\"{table}\"") > 0;
                    if (!skip) Execute(connection, $"INSERT OR IGNORE INTO main.\"{table}\" SELECT * FROM legacy.\"{table}\"", copy);
                    moved.Add(new MovedTable(Path.GetFileName(source), table, rows));
                }
                copy.Commit();
            }
            using (var drop = connection.BeginTransaction(deferred: false))
            {
                foreach (var (table, _) in Enumerable.Reverse(tables)) Execute(connection, $"DROP TABLE IF EXISTS legacy.\"{table}\"", drop);
                drop.Commit();
            }
            return moved;
        }
        finally
        {
            Execute(connection, "DETACH DATABASE legacy");
        }
    }

    private static List<(string Name, string Sql)> Query(SqliteConnection connection, string sql, string? name = null, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (name is not null) command.Parameters.AddWithValue("$n", name);
        using var reader = command.ExecuteReader();
        var list = new List<(string, string)>();
        while (reader.Read()) list.Add((reader.GetString(0), reader.GetString(1)));
        return list;
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql, string? name = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (name is not null) command.Parameters.AddWithValue("$n", name);
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
