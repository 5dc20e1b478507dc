using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Agents.AI.Workflows.Checkpointing;

namespace AiVideo.Host.Runs.Store;

/// <summary>Agent Framework checkpoints (one per superstep) in the run store's SQLite file, keyed by run id.</summary>
public sealed class SqliteCheckpointStore(RunStore store) : JsonCheckpointStore
{
    private static readonly ConcurrentDictionary<string, CheckpointManager> Managers = new(StringComparer.Ordinal);

    /// <summary>
    /// The checkpoint manager of a run store's database file, one per file for the life of the process. Each
    /// <see cref="CheckpointManager.CreateJson"/> makes its own JSON serializer options, so a manager per run rebuilt the
    /// serialization metadata of every checkpointed type (reflection and emitted accessors, JIT-compiled) on every
    /// run: that was most of a run's orchestration time. The manager holds no per-run state (sessions are run ids,
    /// the store is stateless), so sharing it changes nothing about what is stored or when.
    /// </summary>
    public static CheckpointManager Manager(RunStore store) =>
        Managers.GetOrAdd(store.DatabasePath, static (_, s) => CheckpointManager.CreateJson(new SqliteCheckpointStore(s)), store);

    public override ValueTask<CheckpointInfo> CreateCheckpointAsync(string sessionId, JsonElement value, CheckpointInfo? parent = null)
    {
        var info = new CheckpointInfo(sessionId, Guid.NewGuid().ToString("N"));
        store.SaveCheckpoint(sessionId, info.CheckpointId, value.GetRawText());
        return ValueTask.FromResult(info);
    }

    public override ValueTask<JsonElement> RetrieveCheckpointAsync(string sessionId, CheckpointInfo key)
    {
        var json = store.LoadCheckpoint(sessionId, key.CheckpointId)
            ?? throw new InvalidOperationException($"run {sessionId} has no checkpoint {key.CheckpointId}");
        using var document = JsonDocument.Parse(json);
        return ValueTask.FromResult(document.RootElement.Clone());
    }

    public override ValueTask<IEnumerable<CheckpointInfo>> RetrieveIndexAsync(string sessionId, CheckpointInfo? withParent = null) =>
        ValueTask.FromResult(store.Checkpoints(sessionId).Select(c => new CheckpointInfo(sessionId, c.CheckpointId)));
}
