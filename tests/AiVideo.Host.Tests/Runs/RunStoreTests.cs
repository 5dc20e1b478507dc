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
        Assert.Equal(1, NewStore().SchemaVersion);
        Assert.Equal(1, NewStore().SchemaVersion);
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

    public void Dispose() => _dir.Dispose();
}
