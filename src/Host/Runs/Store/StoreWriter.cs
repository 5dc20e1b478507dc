using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace AiVideo.Host.Runs.Store;

/// <summary>
/// The write side of one run store file, shared by every <see cref="RunStore"/> of this process that opens the file
/// (a campaign, <c>resume --all</c> and the checkpoint manager each hold their own instance): one lock that serialises
/// the process's writes, one connection kept open for them with its commands kept per SQL text (each write statement
/// is compiled once per process), and the queue of deferred journal writes that the next durable write commits first.
/// Per file and process like SQLite's own connection pool; other processes meet at SQLite's lock (busy timeout).
/// Deferred writes still queued when the process exits normally are committed then; a killed process loses them (a
/// suffix of its writes: the superstep they belong to has no checkpoint yet and runs again on resume).
/// </summary>
internal sealed class StoreWriter
{
    private static readonly ConcurrentDictionary<string, StoreWriter> ByFile = new(StringComparer.Ordinal);

    private readonly string _databasePath;
    private readonly Func<SqliteConnection> _open;
    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    /// <summary>
    /// Journal writes not yet committed, in order. Added without <see cref="Lock"/> (a step never waits for another's
    /// commit to note a gate), taken off only under it, after their commit.
    /// </summary>
    private readonly ConcurrentQueue<(string Sql, (string Name, object? Value)[] Parameters)> _deferred = new();

    private StoreWriter(string databasePath, Func<SqliteConnection> open)
    {
        _databasePath = databasePath;
        _open = open;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => FlushAtExit();
    }

    /// <summary>The write side of <paramref name="databasePath"/>; <paramref name="open"/> opens a configured connection to it.</summary>
    public static StoreWriter For(string databasePath, Func<SqliteConnection> open) =>
        ByFile.GetOrAdd(databasePath, static (path, o) => new StoreWriter(path, o), open);

    /// <summary>Serialises this process's writes to the file; readers never take it (WAL).</summary>
    public Lock Lock { get; } = new();

    /// <summary>The write connection (null until the first write); only used under <see cref="Lock"/>.</summary>
    public SqliteConnection? Connection { get; private set; }

    /// <summary>Whether journal writes wait for their commit.</summary>
    public bool HasDeferred => !_deferred.IsEmpty;

    /// <summary>Queues a journal write for the next commit (see <see cref="RunStore"/>'s group commit).</summary>
    public void Defer(string sql, (string Name, object? Value)[] parameters) => _deferred.Enqueue((sql, parameters));

    /// <summary>The open write connection; a new one when the file was deleted since (a fresh store in the same folder). Under <see cref="Lock"/>.</summary>
    public SqliteConnection Connect()
    {
        if (Connection is not null && !File.Exists(_databasePath))
        {
            foreach (var command in _commands.Values) command.Dispose();
            _commands.Clear();
            Connection.Dispose();
            Connection = null;
        }
        return Connection ??= _open();
    }

    /// <summary>The write connection with every deferred write committed (in its own transaction, when there are any). Under <see cref="Lock"/>.</summary>
    public SqliteConnection Flushed()
    {
        var c = Connect();
        if (!_deferred.IsEmpty)
        {
            using var tx = c.BeginTransaction();
            var committed = ExecDeferred(tx);
            tx.Commit();
            Dequeue(committed);
        }
        return c;
    }

    /// <summary>Runs the writes deferred so far inside <paramref name="tx"/>; returns how many, for <see cref="Dequeue"/> after the commit. Under <see cref="Lock"/>.</summary>
    public int ExecDeferred(SqliteTransaction tx)
    {
        var count = 0;
        foreach (var (sql, parameters) in _deferred) // a snapshot: writes queued meanwhile wait for the next commit
        {
            Command(sql, tx, parameters).ExecuteNonQuery();
            count++;
        }
        return count;
    }

    /// <summary>Takes the first <paramref name="committed"/> deferred writes off the queue once their transaction committed. Under <see cref="Lock"/>.</summary>
    public void Dequeue(int committed)
    {
        for (var i = 0; i < committed; i++) _deferred.TryDequeue(out _);
    }

    /// <summary>The write connection's kept command for <paramref name="sql"/>, bound to this call's transaction and values. Under <see cref="Lock"/>.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction? tx, (string Name, object? Value)[] parameters)
    {
        if (!_commands.TryGetValue(sql, out var cmd))
        {
            cmd = Connect().CreateCommand();
            cmd.CommandText = sql;
            _commands[sql] = cmd;
        }
        cmd.Transaction = tx;
        cmd.Parameters.Clear();
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private void FlushAtExit()
    {
        if (_deferred.IsEmpty) return;
        try
        {
            using var write = Lock.EnterScope();
            Flushed();
        }
        catch (Exception ex) when (ex is SqliteException or IOException or InvalidOperationException)
        {
            Console.Error.WriteLine($"aivideo: run store {_databasePath}: {_deferred.Count} journal write(s) could not be committed at exit: {ex.Message}");
        }
    }
}
