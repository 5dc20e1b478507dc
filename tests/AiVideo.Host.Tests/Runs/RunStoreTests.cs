using AiVideo.Core.Domain;
using AiVideo.Host.Runs.Store;
using AiVideo.Testing;

namespace AiVideo.Host.Tests.Runs;

public class RunStoreTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private RunStore NewStore() => RunStore.ForOutput(_dir.Path);

    private static StoredRun Run(string id = "20261125-101500-a1b2c3") => new(id, "chan", "Title", RunStatuses.Running, "{}", DateTimeOffset.UtcNow) { Owner = new ProcessIdentity(1, 0) };

    [Fact]
    public void Open_Twice_MigratesOnceToTheLatestVersion()
    {
        Assert.Equal(5, NewStore().SchemaVersion);
        Assert.Equal(5, NewStore().SchemaVersion);
    }

    [Fact]
    public void Ledger_IntentThenConfirm_KeepsOneEntryPerKeyAndTheReceipt()
    {
        var store = NewStore();
        store.CreateRun(Run());
        store.RecordIntent("k1", Run().RunId, "tiktok");
        store.RecordIntent("k1", Run().RunId, "tiktok"); // a re-delivery does not add a second intent
        Assert.False(store.FindLedger("k1")!.Confirmed);

        var receipt = new PublishReceipt("tiktok", "k1", "ext", "/out/x", "published", DateTimeOffset.UnixEpoch, false);
        store.Confirm("k1", receipt);

        var entry = Assert.Single(store.Ledger(Run().RunId));
        Assert.True(entry.Confirmed);
        Assert.Equal(receipt, entry.Receipt);
        Assert.Null(store.FindLedger("unknown"));
        Assert.Equal([receipt], store.LoadJournal(Run().RunId).Receipts);
    }

    [Fact]
    public void Journal_StepsGatesAndArtifacts_SurviveANewStoreInstance()
    {
        var store = NewStore();
        store.CreateRun(Run());
        store.RecordStep(Run().RunId, "voice", 1, 1, 100);
        store.RecordStep(Run().RunId, "render", 2, 1, 50);
        store.RecordStep(Run().RunId, "render", 2, 2, 90);
        store.RecordGate(Run().RunId, GateResult.Fail("render.drift:s01", "drifted", 0.2, 0.55));
        store.PutArtifact(Run().RunId, "render:a.mp4", new { clipPath = "a.mp4" }, 0.25m);
        store.PutArtifact(Run().RunId, "render:b.mp4", new { clipPath = "b.mp4" }, 0.5m);

        var reopened = NewStore();
        var journal = reopened.LoadJournal(Run().RunId);
        Assert.Equal([("voice", 1, 100L), ("render", 2, 90L)], journal.Steps);
        Assert.Equal(0.2, Assert.Single(journal.Gates).Value);
        Assert.Equal(0.75m, reopened.TotalCost(Run().RunId));
    }

    [Fact]
    public void Checkpoints_KeepOrderAndTheirExecutors()
    {
        var store = NewStore();
        store.SaveCheckpoint("r", "c1", "{}");
        store.SaveCheckpoint("r", "c2", "{\"a\":1}");
        store.TagCheckpoint("r", "c2", ["render", "drift_gate", "render"]);
        Assert.Equal(["c1", "c2"], store.Checkpoints("r").Select(c => c.CheckpointId));
        Assert.Equal(["drift_gate", "render"], store.Checkpoints("r")[1].Executors);
        Assert.Equal("{\"a\":1}", store.LoadCheckpoint("r", "c2"));
    }

    [Fact]
    public void JournalWrites_ReachTheFileWithTheNextCheckpoint_NotOneTransactionEach()
    {
        var store = NewStore();
        store.CreateRun(Run());
        store.RecordStep(Run().RunId, "voice", 3, 1, 120);
        store.RecordGate(Run().RunId, new GateResult("schema", true, null, null, "ok"));

        // What another process sees in the file.
        Assert.Equal(0L, CountInFile(store, "gates"));
        Assert.Equal(0L, CountInFile(store, "steps"));

        store.SaveCheckpoint(Run().RunId, "c1", "{}");
        store.TagCheckpoint(Run().RunId, "c1", ["voice"]);

        Assert.Equal(1L, CountInFile(store, "gates"));
        Assert.Equal(1L, CountInFile(store, "steps"));
        Assert.Equal(0L, CountInFile(store, "checkpoint_steps")); // the tag waits for the next durable write
        store.RecordIntent("k1", Run().RunId, "tiktok");
        Assert.Equal(1L, CountInFile(store, "checkpoint_steps"));
    }

    [Fact]
    public void JournalWrites_SeenByEveryStoreOfTheFileInThisProcess_BeforeAnyCheckpoint()
    {
        var writer = NewStore();
        writer.CreateRun(Run());
        writer.RecordGate(Run().RunId, new GateResult("schema", false, 2, 0, "two errors"));

        Assert.Equal("two errors", Assert.Single(NewStore().LoadJournal(Run().RunId).Gates).Reason);
    }

    private static long CountInFile(RunStore store, string table)
    {
        using var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.DatabasePath};Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = $"SELECT COUNT(*) FROM {table}";
        return (long)cmd.ExecuteScalar()!;
    }

    [Fact]
    public void Migration4_KeepsTheExecutorsTaggedOnCheckpointsOfAVersion3Store()
    {
        var store = NewStore();
        store.SaveCheckpoint("r", "c1", "{}");
        store.SaveCheckpoint("r", "c2", "{}");
        // Back to version 3 as it stored tags: in the checkpoint row itself, no checkpoint_steps table.
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.DatabasePath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = """
                DROP TABLE checkpoint_steps; DROP TABLE channel_voices; DELETE FROM schema_version WHERE version >= 4;
                UPDATE checkpoints SET executors = 'drift_gate,render' WHERE checkpoint_id = 'c2';
                """;
            cmd.ExecuteNonQuery();
        }

        var migrated = NewStore();

        Assert.Equal(5, migrated.SchemaVersion);
        Assert.Equal([[], ["drift_gate", "render"]], migrated.Checkpoints("r").Select(c => c.Executors.ToArray()));
    }

    [Fact]
    public void DeadLetters_ListOnlyRunsStillDeadLettered()
    {
        var store = NewStore();
        store.CreateRun(Run("20261125-101500-000001"));
        store.CreateRun(Run("20261125-101500-000002"));
        foreach (var id in new[] { "20261125-101500-000001", "20261125-101500-000002" })
        {
            store.Finish(id, RunStatuses.DeadLettered, "render", "boom", null, null);
            store.RecordDeadLetter(id, "render", "boom", [GateResult.Fail("g", "bad")]);
        }
        store.SetStatus("20261125-101500-000002", RunStatuses.Running); // being retried
        var letter = Assert.Single(store.DeadLetters());
        Assert.Equal(("20261125-101500-000001", "render", "boom"), (letter.RunId, letter.Step, letter.Reason));
        Assert.Equal("g", Assert.Single(letter.LastGates).Name);
    }

    [Fact]
    public void Lease_HeldByALiveProcess_IsRefusedToAnother()
    {
        var store = NewStore();
        store.CreateRun(Run() with { Owner = ProcessIdentity.Current });
        var other = new ProcessIdentity(Environment.ProcessId, ProcessIdentity.Current.StartedAtTicks + 1); // same pid, another start: not us

        var lease = store.TryAcquireLease(Run().RunId, other);

        Assert.False(lease.Acquired);
        Assert.Equal(ProcessIdentity.Current, lease.Holder);
        Assert.True(store.TryAcquireLease(Run().RunId, ProcessIdentity.Current).Acquired); // the holder itself may take it again
    }

    [Fact]
    public void Lease_HolderProcessGone_IsStolen()
    {
        var store = NewStore();
        using var gone = System.Diagnostics.Process.Start("true")!;
        gone.WaitForExit();
        store.CreateRun(Run() with { Owner = new ProcessIdentity(gone.Id, 12345) });

        Assert.True(store.TryAcquireLease(Run().RunId, ProcessIdentity.Current).Acquired);
        Assert.Equal(ProcessIdentity.Current, store.GetRun(Run().RunId)!.Owner);
    }

    [Fact]
    public void Lease_ManyContendersAtOnce_ExactlyOneWins()
    {
        var store = NewStore();
        store.CreateRun(Run() with { Owner = null });
        // Contenders that all look alive: this process's pid with distinct start times is impossible, so use live children.
        var children = Enumerable.Range(0, 6).Select(_ => System.Diagnostics.Process.Start("sleep", "30")!).ToList();
        try
        {
            var identities = children.Select(c => ProcessIdentity.Of(c.Id)!).ToList();
            var results = identities.AsParallel().WithDegreeOfParallelism(6).Select(id => store.TryAcquireLease(Run().RunId, id).Acquired).ToList();
            Assert.Equal(1, results.Count(r => r));
        }
        finally
        {
            foreach (var c in children) { c.Kill(); c.Dispose(); }
        }
    }

    [Fact]
    public void Finish_ReleasesTheLease_AndReleaseByANonHolderChangesNothing()
    {
        var store = NewStore();
        store.CreateRun(Run() with { Owner = ProcessIdentity.Current });
        store.ReleaseLease(Run().RunId, new ProcessIdentity(1, 1));
        Assert.Equal(ProcessIdentity.Current, store.GetRun(Run().RunId)!.Owner);

        store.Finish(Run().RunId, RunStatuses.Published, null, null, null, null);
        Assert.Null(store.GetRun(Run().RunId)!.Owner);
    }

    [Fact]
    public void Outcome_RecordedThenRead_KeepsLiveAndMissingPosts()
    {
        var store = NewStore();
        store.CreateRun(Run());
        var live = new PublishReceipt("tiktok", "k1", "ext", "/out/x", "published", DateTimeOffset.UnixEpoch, false);
        store.RecordOutcome(Run().RunId, AiVideo.Host.Pipeline.RunOutcome.Partial(null, [live], [new AiVideo.Host.Pipeline.MissingPost("youtube_shorts", "quota")]));

        var read = store.GetOutcome(Run().RunId)!;

        Assert.Equal("partially_published", read.Kind);
        Assert.Equal(live, Assert.Single(read.Live));
        Assert.Equal("quota", Assert.Single(read.Missing).Reason);
        store.ClearOutcome(Run().RunId);
        Assert.Null(store.GetOutcome(Run().RunId));
    }

    [Fact]
    public void DeadLetters_PartialRunsIncluded_DiscardedOnesLeaveTheQueue()
    {
        var store = NewStore();
        store.CreateRun(Run("r-partial"));
        store.CreateRun(Run("r-dead"));
        store.Finish("r-partial", RunStatuses.PartiallyPublished, "publish", "not published to youtube_shorts", null, null);
        store.RecordDeadLetter("r-partial", "publish", "not published to youtube_shorts", []);
        store.Finish("r-dead", RunStatuses.DeadLettered, "voice", "boom", null, null);
        store.RecordDeadLetter("r-dead", "voice", "boom", []);

        Assert.Equal(["r-dead", "r-partial"], store.DeadLetters().Select(d => d.RunId).Order());
        Assert.Equal(RunStatuses.PartiallyPublished, store.DeadLetters().Single(d => d.RunId == "r-partial").Status);

        Assert.True(store.Discard("r-dead"));
        Assert.False(store.Discard("r-dead"));
        Assert.Equal("r-partial", Assert.Single(store.DeadLetters()).RunId);
        Assert.Equal(RunStatuses.DeadLettered, store.GetRun("r-dead")!.Status); // the outcome stays the truth
    }

    [Fact]
    public void Wait_PausesTheRunUntilATime_AndReleasesTheLease()
    {
        var store = NewStore();
        store.CreateRun(Run() with { Owner = ProcessIdentity.Current });
        var until = new DateTimeOffset(2026, 12, 24, 18, 0, 0, TimeSpan.Zero);

        store.Wait(Run().RunId, until, "posting slot 18:00");

        var run = store.GetRun(Run().RunId)!;
        Assert.Equal(RunStatuses.Waiting, run.Status);
        Assert.Equal(until, run.WaitUntil);
        Assert.Null(run.Owner);
    }

    [Fact]
    public void Open_ManyAtOnceOnANewFolder_MigratesOnceWithoutError()
    {
        var stores = Enumerable.Range(0, 8).AsParallel().WithDegreeOfParallelism(8).Select(_ => NewStore()).ToList();

        Assert.All(stores, s => Assert.Equal(5, s.SchemaVersion));
    }

    public void Dispose() => _dir.Dispose();
}
