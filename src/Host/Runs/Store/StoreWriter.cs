using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace AiVideo.Host.Runs.Store;

/// <summary>
/// The write side of one run store file, shared by every <see cref="RunStore"/> of this process that opens the file
/// (a campaign, <c>resume --all</c> and the checkpoint manager each hold their own instance): one lock that serialises
/// the process's writes, one connection kept open for them with its commands kept per SQL text (each write statement
/// is compiled once per process), and the queue of deferred journal writes that the next durable write commits first.
/// Per file and process like SQLite's own connection pool; other processes meet at SQLite's lock (busy timeout).
/// </summary>
internal sealed class StoreWriter
{
    private static readonly ConcurrentDictionary<string, StoreWriter> ByFile = new(StringComparer.Ordinal);

    public static StoreWriter For(string databasePath) => ByFile.GetOrAdd(databasePath, static _ => new StoreWriter());

    /// <summary>Serialises this process's writes to the file; readers never take it (WAL).</summary>
    public Lock Lock { get; } = new();

    /// <summary>The write connection (null until the first write); only used under <see cref="Lock"/>.</summary>
    public SqliteConnection? Connection { get; private set; }

    /// <summary>The write connection's commands by SQL text; only used under <see cref="Lock"/>.</summary>
    public Dictionary<string, SqliteCommand> Commands { get; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Journal writes not yet committed, in order. Added without <see cref="Lock"/> (a step never waits for another's
    /// commit to note a gate), taken off only under it, after their commit.
    /// </summary>
    public ConcurrentQueue<(string Sql, (string Name, object? Value)[] Parameters)> Deferred { get; } = new();

    /// <summary>The open write connection; a new one when the file was deleted since (a fresh store in the same folder).</summary>
    public SqliteConnection Connect(string databasePath, Func<SqliteConnection> open)
    {
        if (Connection is not null && !File.Exists(databasePath))
        {
            foreach (var command in Commands.Values) command.Dispose();
            Commands.Clear();
            Connection.Dispose();
            Connection = null;
        }
        return Connection ??= open();
    }
}
