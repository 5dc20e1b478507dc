using System.Text.Json;
using Microsoft.Agents.AI.Workflows;
using Microsoft.Agents.AI.Workflows.Checkpointing;

namespace AiVideo.Host.Runs.Store;

/// <summary>Agent Framework checkpoints (one per superstep) in the run store's SQLite file, keyed by run id.</summary>
public sealed class SqliteCheckpointStore(RunStore store) : JsonCheckpointStore
{
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
