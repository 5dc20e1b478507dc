using AiVideo.Core.Domain;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Runs.Store;

/// <summary>The publish ledger of one run, in the run store.</summary>
public sealed class StorePublishLedger(RunStore store, string runId) : IPublishLedger
{
    public (bool Confirmed, PublishReceipt? Receipt)? Find(string idempotencyKey) =>
        store.FindLedger(idempotencyKey) is { } entry ? (entry.Confirmed, entry.Receipt) : null;

    public void RecordIntent(string idempotencyKey, string platform) => store.RecordIntent(idempotencyKey, runId, platform);

    public void Confirm(string idempotencyKey, PublishReceipt receipt) => store.Confirm(idempotencyKey, receipt);
}
