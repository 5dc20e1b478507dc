using System.Globalization;
using System.Text.Json;
using AiVideo.Agents.Decisions;
using AiVideo.Core.Domain;
using AiVideo.Core.Json;
using Microsoft.Data.Sqlite;

namespace AiVideo.Host.Runs.Store;

/// <summary>
/// The durable record of every run (SQLite, WAL): runs, steps and attempts, gate results, agent decisions, step
/// results reused on re-delivery (and their cost), the publish ledger (intent → confirmed), workflow checkpoints,
/// dead letters, and the cost ledger with its budget reservations (<c>RunStore.Costs.cs</c>). Versioned migrations.
/// One file per output folder: &lt;out&gt;/aivideo.db.
/// </summary>
public sealed partial class RunStore
{
    public const string FileName = "aivideo.db";

    private readonly string _connectionString;

    /// <summary>
    /// This file's write side in this process (<see cref="StoreWriter"/>). Serialising writes matters: without it, a
    /// checkpoint written by the workflow while the event loop tagged the previous one made one of them wait in
    /// SQLite's busy handler (sleeps of 1 ms and up, or Microsoft.Data.Sqlite's 150 ms retry without a busy timeout).
    /// </summary>
    private readonly StoreWriter _file;

    /// <summary>Serialises this process's writes to the file (see <see cref="StoreWriter.Lock"/>).</summary>
    private Lock _writes => _file.Lock;

    public RunStore(string databasePath)
    {
        DatabasePath = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        _connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, DefaultTimeout = 30 }.ToString();
        _file = StoreWriter.For(DatabasePath, Open);
        Migrate();
    }

    public string DatabasePath { get; }

    public static RunStore ForOutput(string outDirectory) => new(Path.Combine(Path.GetFullPath(outDirectory), FileName));

    public int SchemaVersion
    {
        get
        {
            using var c = Open();
            return Convert.ToInt32(Scalar(c, "SELECT COALESCE(MAX(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// Brings the schema to the latest version. Each step runs in an immediate (write-locking) transaction that reads the
    /// current version inside it, so processes opening a new store at the same moment (two makes, make and resume) never
    /// apply a step twice: the second waits for the lock, then finds the step applied.
    /// </summary>
    private void Migrate()
    {
        using var c = Open();
        Exec(c, "PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TEXT NOT NULL);");
        foreach (var (version, sql) in RunStoreMigrations.All.OrderBy(m => m.Version))
        {
            using var tx = c.BeginTransaction(deferred: false);
            var current = Convert.ToInt32(Scalar(c, tx, "SELECT COALESCE(MAX(version), 0) FROM schema_version"), CultureInfo.InvariantCulture);
            if (version <= current) continue;
            Exec(c, sql, tx);
            Exec(c, "INSERT INTO schema_version (version, applied_at) VALUES ($v, $at)", tx, ("$v", version), ("$at", Now()));
            tx.Commit();
        }
    }

    // ---- runs ----

    public void CreateRun(StoredRun run)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, """
            INSERT INTO runs (run_id, channel_id, title, status, context_json, owner_pid, owner_started_at, started_at, updated_at)
            VALUES ($id, $channel, $title, $status, $ctx, $pid, $pstart, $at, $at)
            """, null, ("$id", run.RunId), ("$channel", run.ChannelId), ("$title", run.Title), ("$status", run.Status),
            ("$ctx", run.ContextJson), ("$pid", run.Owner?.Pid), ("$pstart", run.Owner?.StartedAtTicks), ("$at", run.StartedAt.ToString("O", CultureInfo.InvariantCulture)));
    }

    /// <summary>
    /// Takes the run's lease for <paramref name="holder"/>, atomically: succeeds when nobody holds it, the holder
    /// already does, or the current holder's process is gone (a crashed make or resume). Two processes racing for the
    /// same run: exactly one wins. When this one loses, the result names the live holder that kept it.
    /// </summary>
    public LeaseResult TryAcquireLease(string runId, ProcessIdentity holder)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var run = GetRun(runId) ?? throw new InvalidOperationException($"no run '{runId}'");
            if (run.Owner is { } owner && owner != holder && owner.IsAlive()) return new LeaseResult(false, owner);
            using var write = _writes.EnterScope();
            var c = Writer();
            var changed = Exec(c, """
                UPDATE runs SET owner_pid = $pid, owner_started_at = $pstart, updated_at = $at
                WHERE run_id = $id AND owner_pid IS $oldPid AND owner_started_at IS $oldStart
                """, null, ("$pid", holder.Pid), ("$pstart", holder.StartedAtTicks), ("$at", Now()), ("$id", runId),
                ("$oldPid", run.Owner?.Pid), ("$oldStart", run.Owner is null ? null : (object?)run.Owner.StartedAtTicks));
            if (changed == 1) return new LeaseResult(true, holder);
        }
        return new LeaseResult(false, GetRun(runId)?.Owner);
    }

    /// <summary>Gives the lease up (only when <paramref name="holder"/> holds it).</summary>
    public void ReleaseLease(string runId, ProcessIdentity holder)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, "UPDATE runs SET owner_pid = NULL, owner_started_at = NULL WHERE run_id = $id AND owner_pid = $pid AND owner_started_at = $pstart", null,
            ("$id", runId), ("$pid", holder.Pid), ("$pstart", holder.StartedAtTicks));
    }

    /// <summary>Sets a state that is not final (running again for a retry, waiting) without touching the lease.</summary>
    public void SetStatus(string runId, string status)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, "UPDATE runs SET status = $status, finished_at = NULL, updated_at = $at WHERE run_id = $id", null, ("$status", status), ("$at", Now()), ("$id", runId));
    }

    /// <summary>
    /// Pauses the run until <paramref name="until"/> (state <c>waiting</c>: a posting slot, a platform quota reset) and
    /// releases the lease; <c>resume --all</c> (or a scheduler) picks it up once it is due. Not subject to the deadline.
    /// </summary>
    public void Wait(string runId, DateTimeOffset until, string reason)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, """
            UPDATE runs SET status = 'waiting', wait_until = $until, reason = $reason, updated_at = $at, owner_pid = NULL, owner_started_at = NULL
            WHERE run_id = $id
            """, null, ("$until", until.ToString("O", CultureInfo.InvariantCulture)), ("$reason", reason), ("$at", Now()), ("$id", runId));
    }

    /// <summary>Records the final state and releases the lease.</summary>
    public void Finish(string runId, string status, string? failedStep, string? reason, string? reportPath, string? videoPath)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, """
            UPDATE runs SET status = $status, failed_step = $step, reason = $reason, report_path = $report, video_path = $video,
                            finished_at = $at, updated_at = $at, owner_pid = NULL, owner_started_at = NULL
            WHERE run_id = $id
            """, null, ("$status", status), ("$step", failedStep), ("$reason", reason), ("$report", reportPath), ("$video", videoPath), ("$at", Now()), ("$id", runId));
    }

    /// <summary>The outcome the workflow ended with, recorded before the report is written (so a crash in between loses nothing).</summary>
    public void RecordOutcome(string runId, Pipeline.RunOutcome outcome)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, "UPDATE runs SET outcome_json = $json, updated_at = $at WHERE run_id = $id", null,
            ("$json", JsonSerializer.Serialize(outcome, AiVideoJson.Options)), ("$at", Now()), ("$id", runId));
    }

    public Pipeline.RunOutcome? GetOutcome(string runId)
    {
        using var c = Open();
        return Scalar(c, "SELECT outcome_json FROM runs WHERE run_id = $id", ("$id", runId)) is string json
            ? JsonSerializer.Deserialize<Pipeline.RunOutcome>(json, AiVideoJson.Options)
            : null;
    }

    /// <summary>Forgets a recorded outcome (a retry runs the workflow again).</summary>
    public void ClearOutcome(string runId)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, "UPDATE runs SET outcome_json = NULL WHERE run_id = $id", null, ("$id", runId));
    }

    public StoredRun? GetRun(string runId)
    {
        using var c = Open();
        using var cmd = Command(c, "SELECT * FROM runs WHERE run_id = $id", null, ("$id", runId));
        using var r = cmd.ExecuteReader();
        return r.Read() ? ReadRun(r) : null;
    }

    public IReadOnlyList<StoredRun> ListRuns(string? status = null, int limit = 50)
    {
        using var c = Open();
        using var cmd = Command(c, "SELECT * FROM runs WHERE ($status IS NULL OR status = $status) ORDER BY started_at DESC, run_id DESC LIMIT $limit", null,
            ("$status", status), ("$limit", limit));
        using var r = cmd.ExecuteReader();
        var list = new List<StoredRun>();
        while (r.Read()) list.Add(ReadRun(r));
        return list;
    }

    // ---- journal ----

    public void RecordStep(string runId, string step, int ordinal, int attempts, long elapsedMs)
    {
        Defer("""
            INSERT INTO steps (run_id, step, ordinal, attempts, elapsed_ms) VALUES ($id, $step, $ord, $attempts, $ms)
            ON CONFLICT (run_id, step) DO UPDATE SET attempts = excluded.attempts, elapsed_ms = excluded.elapsed_ms
            """, ("$id", runId), ("$step", step), ("$ord", ordinal), ("$attempts", attempts), ("$ms", elapsedMs));
    }

    public void RecordGate(string runId, GateResult gate)
    {
        Defer("INSERT INTO gates (run_id, name, passed, value, threshold, reason, at) VALUES ($id, $name, $passed, $value, $threshold, $reason, $at)",
            ("$id", runId), ("$name", gate.Name), ("$passed", gate.Passed ? 1 : 0), ("$value", gate.Value), ("$threshold", gate.Threshold), ("$reason", gate.Reason), ("$at", Now()));
    }

    public void RecordDecision(string runId, AgentDecision decision)
    {
        Defer("INSERT INTO decisions (run_id, json) VALUES ($id, $json)", ("$id", runId), ("$json", JsonSerializer.Serialize(decision, AiVideoJson.Options)));
    }

    /// <summary>What the run has recorded so far, to rebuild its journal after a restart.</summary>
    public RecordedJournal LoadJournal(string runId)
    {
        Flush();
        using var c = Open();
        var steps = new List<(string, int, long)>();
        using (var cmd = Command(c, "SELECT step, attempts, elapsed_ms FROM steps WHERE run_id = $id ORDER BY ordinal", null, ("$id", runId)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read()) steps.Add((r.GetString(0), r.GetInt32(1), r.GetInt64(2)));
        }
        var gates = new List<GateResult>();
        using (var cmd = Command(c, "SELECT name, passed, value, threshold, reason FROM gates WHERE run_id = $id ORDER BY id", null, ("$id", runId)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read())
            {
                gates.Add(new GateResult(r.GetString(0), r.GetInt32(1) == 1, r.IsDBNull(2) ? null : r.GetDouble(2), r.IsDBNull(3) ? null : r.GetDouble(3), r.GetString(4)));
            }
        }
        var decisions = new List<AgentDecision>();
        using (var cmd = Command(c, "SELECT json FROM decisions WHERE run_id = $id ORDER BY id", null, ("$id", runId)))
        using (var r = cmd.ExecuteReader())
        {
            while (r.Read()) decisions.Add(JsonSerializer.Deserialize<AgentDecision>(r.GetString(0), AiVideoJson.Options)!);
        }
        var receipts = Ledger(runId).Where(l => l.Receipt is not null).Select(l => l.Receipt!).ToList();
        return new RecordedJournal(steps, gates, decisions, receipts);
    }

    // ---- step results (idempotent re-delivery) ----

    public T? GetArtifact<T>(string runId, string key) where T : class
    {
        using var c = Open();
        var json = Scalar(c, "SELECT json FROM artifacts WHERE run_id = $id AND key = $key", ("$id", runId), ("$key", key)) as string;
        return json is null ? null : JsonSerializer.Deserialize<T>(json, AiVideoJson.Options);
    }

    public void PutArtifact<T>(string runId, string key, T value, decimal costUsd = 0)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, """
            INSERT INTO artifacts (run_id, key, json, cost_usd, at) VALUES ($id, $key, $json, $cost, $at)
            ON CONFLICT (run_id, key) DO UPDATE SET json = excluded.json, cost_usd = excluded.cost_usd, at = excluded.at
            """, null, ("$id", runId), ("$key", key), ("$json", JsonSerializer.Serialize(value, AiVideoJson.Options)), ("$cost", (double)costUsd), ("$at", Now()));
    }

    /// <summary>The most recently recorded step result whose key starts with <paramref name="prefix"/> (e.g. "assemble:").</summary>
    public T? GetLatestArtifact<T>(string runId, string prefix) where T : class
    {
        using var c = Open();
        var json = Scalar(c, "SELECT json FROM artifacts WHERE run_id = $id AND substr(key, 1, length($prefix)) = $prefix ORDER BY at DESC LIMIT 1",
            ("$id", runId), ("$prefix", prefix)) as string;
        return json is null ? null : JsonSerializer.Deserialize<T>(json, AiVideoJson.Options);
    }

    public decimal TotalCost(string runId)
    {
        using var c = Open();
        return Convert.ToDecimal(Scalar(c, "SELECT COALESCE(SUM(cost_usd), 0) FROM artifacts WHERE run_id = $id", ("$id", runId)), CultureInfo.InvariantCulture);
    }

    // ---- publish ledger ----

    /// <summary>Records the intent to publish under <paramref name="key"/> before the external call. Keeps an existing entry.</summary>
    public void RecordIntent(string key, string runId, string platform)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, """
            INSERT INTO publish_ledger (idempotency_key, run_id, platform, state, intent_at) VALUES ($key, $id, $platform, 'intent', $at)
            ON CONFLICT (idempotency_key) DO NOTHING
            """, null, ("$key", key), ("$id", runId), ("$platform", platform), ("$at", Now()));
    }

    public void Confirm(string key, PublishReceipt receipt)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, "UPDATE publish_ledger SET state = 'confirmed', receipt_json = $json, confirmed_at = $at WHERE idempotency_key = $key", null,
            ("$json", JsonSerializer.Serialize(receipt, AiVideoJson.Options)), ("$at", Now()), ("$key", key));
    }

    public LedgerEntry? FindLedger(string key) => QueryLedger("WHERE idempotency_key = $p", key).FirstOrDefault();

    public IReadOnlyList<LedgerEntry> Ledger(string runId) => QueryLedger("WHERE run_id = $p ORDER BY intent_at, idempotency_key", runId);

    private List<LedgerEntry> QueryLedger(string where, string parameter)
    {
        using var c = Open();
        using var cmd = Command(c, $"SELECT idempotency_key, run_id, platform, state, receipt_json FROM publish_ledger {where}", null, ("$p", parameter));
        using var r = cmd.ExecuteReader();
        var list = new List<LedgerEntry>();
        while (r.Read())
        {
            list.Add(new LedgerEntry(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3),
                r.IsDBNull(4) ? null : JsonSerializer.Deserialize<PublishReceipt>(r.GetString(4), AiVideoJson.Options)));
        }
        return list;
    }

    // ---- checkpoints ----

    /// <summary>Stores a checkpoint, in one transaction with the journal writes made since the last commit.</summary>
    public void SaveCheckpoint(string runId, string checkpointId, string json)
    {
        using var write = _writes.EnterScope();
        var c = _file.Connect();
        using var tx = c.BeginTransaction();
        var committed = _file.ExecDeferred(tx);
        Exec(c, "INSERT INTO checkpoints (run_id, checkpoint_id, json, at) VALUES ($id, $cp, $json, $at)", tx,
            ("$id", runId), ("$cp", checkpointId), ("$json", json), ("$at", Now()));
        tx.Commit();
        _file.Dequeue(committed);
    }

    /// <summary>Notes which executors ran in the superstep that <paramref name="checkpointId"/> follows (used by DLQ retry).</summary>
    public void TagCheckpoint(string runId, string checkpointId, IEnumerable<string> executors)
    {
        Defer("""
            INSERT INTO checkpoint_steps (run_id, checkpoint_id, executors) VALUES ($id, $cp, $ex)
            ON CONFLICT (run_id, checkpoint_id) DO UPDATE SET executors = excluded.executors
            """,
            ("$ex", string.Join(',', executors.Distinct().Order(StringComparer.Ordinal))), ("$id", runId), ("$cp", checkpointId));
    }

    public string? LoadCheckpoint(string runId, string checkpointId)
    {
        using var c = Open();
        return Scalar(c, "SELECT json FROM checkpoints WHERE run_id = $id AND checkpoint_id = $cp", ("$id", runId), ("$cp", checkpointId)) as string;
    }

    /// <summary>Checkpoints of a run, oldest first, with the executors of the superstep each one follows.</summary>
    public IReadOnlyList<(string CheckpointId, IReadOnlyList<string> Executors)> Checkpoints(string runId)
    {
        Flush();
        using var c = Open();
        using var cmd = Command(c, """
            SELECT c.checkpoint_id, COALESCE(s.executors, '') FROM checkpoints c
            LEFT JOIN checkpoint_steps s ON s.run_id = c.run_id AND s.checkpoint_id = c.checkpoint_id
            WHERE c.run_id = $id ORDER BY c.seq
            """, null, ("$id", runId));
        using var r = cmd.ExecuteReader();
        var list = new List<(string, IReadOnlyList<string>)>();
        while (r.Read()) list.Add((r.GetString(0), r.GetString(1).Split(',', StringSplitOptions.RemoveEmptyEntries)));
        return list;
    }

    // ---- dead letters ----

    public void RecordDeadLetter(string runId, string step, string reason, IReadOnlyList<GateResult> lastGates)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, """
            INSERT INTO dead_letters (run_id, step, reason, gates_json, at) VALUES ($id, $step, $reason, $gates, $at)
            ON CONFLICT (run_id) DO UPDATE SET step = excluded.step, reason = excluded.reason, gates_json = excluded.gates_json, at = excluded.at
            """, null, ("$id", runId), ("$step", step), ("$reason", reason), ("$gates", JsonSerializer.Serialize(lastGates, AiVideoJson.Options)), ("$at", Now()));
    }

    /// <summary>Ends a dead letter for good: it leaves the queue (the run keeps its outcome). False when it is not in the queue.</summary>
    public bool Discard(string runId)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        return Exec(c, "UPDATE dead_letters SET discarded_at = $at WHERE run_id = $id AND discarded_at IS NULL", null, ("$at", Now()), ("$id", runId)) == 1;
    }

    public void CountRetry(string runId)
    {
        using var write = _writes.EnterScope();
        var c = Writer();
        Exec(c, "UPDATE dead_letters SET retries = retries + 1 WHERE run_id = $id", null, ("$id", runId));
    }

    public IReadOnlyList<DeadLetter> DeadLetters(int limit = 100)
    {
        using var c = Open();
        using var cmd = Command(c, """
            SELECT d.run_id, d.step, d.reason, d.gates_json, d.at, d.retries, r.title, r.channel_id, r.status
            FROM dead_letters d JOIN runs r ON r.run_id = d.run_id
            WHERE r.status IN ('dead_lettered', 'partially_published') AND d.discarded_at IS NULL ORDER BY d.at DESC LIMIT $limit
            """, null, ("$limit", limit));
        using var r = cmd.ExecuteReader();
        var list = new List<DeadLetter>();
        while (r.Read())
        {
            list.Add(new DeadLetter(r.GetString(0), r.GetString(1), r.GetString(2),
                JsonSerializer.Deserialize<List<GateResult>>(r.GetString(3), AiVideoJson.Options)!, DateTimeOffset.Parse(r.GetString(4), CultureInfo.InvariantCulture),
                r.GetInt32(5), r.GetString(6), r.GetString(7), r.GetString(8)));
        }
        return list;
    }

    // ---- plumbing ----

    private SqliteConnection Open()
    {
        var c = new SqliteConnection(_connectionString);
        c.Open();
        // synchronous = NORMAL (per connection; the pool reuses connections, the pragma costs no I/O): in WAL mode a
        // commit is appended to the WAL without an fsync, and the WAL is synced when it is checkpointed into the
        // database. Every committed transaction survives a crash of this process (the OS still holds the written WAL
        // pages and the next open replays them); only an OS crash or power loss can roll back the last commits, never
        // corrupt the file. The default (FULL) fsyncs every commit — ~60 per run, which bounded a run's overhead by the
        // disk's sync latency (hundreds of ms per run on a busy VM) for no gain against the crashes the store is for.
        // busy_timeout: a writer that meets another process's write lock waits inside SQLite (short sleeps, up to 30 s)
        // instead of failing to Microsoft.Data.Sqlite, whose own retry sleeps 150 ms per attempt.
        using var pragma = c.CreateCommand();
        pragma.CommandText = "PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 30000";
        pragma.ExecuteNonQuery();
        return c;
    }

    /// <summary>
    /// The write connection, with every deferred journal write committed first (so writes reach the file in the order
    /// they were made); the caller holds the write lock.
    /// </summary>
    private SqliteConnection Writer() => _file.Flushed();

    /// <summary>Commits the deferred journal writes now (readers of the journal call it; so may a caller about to exit).</summary>
    public void Flush()
    {
        if (!_file.HasDeferred) return; // a reader with nothing queued neither waits for the lock nor opens the write connection
        using var write = _writes.EnterScope();
        Writer();
    }

    /// <summary>
    /// A journal write (step time, gate result, agent decision, checkpoint tag) that is committed with the next write
    /// that must be durable at once — at the latest the superstep's checkpoint. Group commit: a run made about seventy
    /// one-statement transactions, now about one per superstep. Order is kept, so after a crash the file holds a prefix
    /// of the run's writes: what is lost belongs to a superstep without a checkpoint, which runs again on resume.
    /// </summary>
    private void Defer(string sql, params (string Name, object? Value)[] parameters) => _file.Defer(sql, parameters);

    private static string Now() => DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection c, string sql, SqliteTransaction? tx, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
        return cmd;
    }

    private int Exec(SqliteConnection c, string sql, SqliteTransaction? tx = null, params (string Name, object? Value)[] parameters)
    {
        if (ReferenceEquals(c, _file.Connection)) return _file.Command(sql, tx, parameters).ExecuteNonQuery();
        using var cmd = Command(c, sql, tx, parameters);
        return cmd.ExecuteNonQuery();
    }

    private object? Scalar(SqliteConnection c, string sql, params (string Name, object? Value)[] parameters) => Scalar(c, null, sql, parameters);

    private object? Scalar(SqliteConnection c, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        object? value;
        if (ReferenceEquals(c, _file.Connection))
        {
            value = _file.Command(sql, tx, parameters).ExecuteScalar();
        }
        else
        {
            using var cmd = Command(c, sql, tx, parameters);
            value = cmd.ExecuteScalar();
        }
        return value is DBNull ? null : value;
    }

    private static StoredRun ReadRun(SqliteDataReader r)
    {
        string? S(string name) => r.IsDBNull(r.GetOrdinal(name)) ? null : r.GetString(r.GetOrdinal(name));
        return new StoredRun(S("run_id")!, S("channel_id")!, S("title")!, S("status")!, S("context_json")!,
            DateTimeOffset.Parse(S("started_at")!, CultureInfo.InvariantCulture))
        {
            FailedStep = S("failed_step"),
            Reason = S("reason"),
            Owner = r.IsDBNull(r.GetOrdinal("owner_pid"))
                ? null
                : new ProcessIdentity(r.GetInt32(r.GetOrdinal("owner_pid")), r.IsDBNull(r.GetOrdinal("owner_started_at")) ? 0 : r.GetInt64(r.GetOrdinal("owner_started_at"))),
            FinishedAt = S("finished_at") is { } f ? DateTimeOffset.Parse(f, CultureInfo.InvariantCulture) : null,
            ReportPath = S("report_path"),
            WaitUntil = S("wait_until") is { } w ? DateTimeOffset.Parse(w, CultureInfo.InvariantCulture) : null,
            VideoPath = S("video_path"),
        };
    }
}

/// <summary>A run as the store has it.</summary>
public sealed record StoredRun(string RunId, string ChannelId, string Title, string Status, string ContextJson, DateTimeOffset StartedAt)
{
    public string? FailedStep { get; init; }
    public string? Reason { get; init; }
    /// <summary>When a <c>waiting</c> run is due.</summary>
    public DateTimeOffset? WaitUntil { get; init; }

    /// <summary>The process holding the run's lease (driving it), or null.</summary>
    public ProcessIdentity? Owner { get; init; }
    public DateTimeOffset? FinishedAt { get; init; }
    public string? ReportPath { get; init; }
    public string? VideoPath { get; init; }
}

public sealed record RecordedJournal(
    IReadOnlyList<(string Step, int Attempts, long ElapsedMs)> Steps,
    IReadOnlyList<GateResult> Gates,
    IReadOnlyList<AgentDecision> Decisions,
    IReadOnlyList<PublishReceipt> Receipts);

/// <summary>One publish-ledger row: intent recorded before the call, confirmed with the receipt after it.</summary>
public sealed record LedgerEntry(string IdempotencyKey, string RunId, string Platform, string State, PublishReceipt? Receipt)
{
    public bool Confirmed => State == "confirmed";
}

/// <summary>A run that needs an operator: dead-lettered, or partially published (<see cref="Status"/> says which).</summary>
public sealed record DeadLetter(string RunId, string Step, string Reason, IReadOnlyList<GateResult> LastGates, DateTimeOffset At, int Retries, string Title, string ChannelId,
    string Status = RunStatuses.DeadLettered);

/// <summary>Whether a lease was taken, and who holds it.</summary>
public sealed record LeaseResult(bool Acquired, ProcessIdentity? Holder);

/// <summary>The run states (see <see cref="Reports.RunOutcomeNames"/> for what each means).</summary>
public static class RunStatuses
{
    public const string Running = Reports.RunOutcomeNames.Running;
    public const string Waiting = Reports.RunOutcomeNames.Waiting;
    public const string Published = Reports.RunOutcomeNames.Published;
    public const string PartiallyPublished = Reports.RunOutcomeNames.PartiallyPublished;
    public const string DeadLettered = Reports.RunOutcomeNames.DeadLettered;
}
