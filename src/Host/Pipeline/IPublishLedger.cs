using System.Collections.Concurrent;
using AiVideo.Core.Domain;

namespace AiVideo.Host.Pipeline;

/// <summary>
/// Exactly-once publishing, host side: the intent is recorded before the external call and confirmed with the
/// receipt after it. An intent without confirmation (the process died in between) is reconciled with the
/// publisher ("did key K land?") before any new attempt.
/// </summary>
public interface IPublishLedger
{
    /// <summary>null: never attempted; otherwise whether it was confirmed, and the receipt when it was.</summary>
    (bool Confirmed, PublishReceipt? Receipt)? Find(string idempotencyKey);

    void RecordIntent(string idempotencyKey, string platform);

    void Confirm(string idempotencyKey, PublishReceipt receipt);
}

/// <summary>A ledger for runs without a store (tests, one-off calls).</summary>
public sealed class InMemoryPublishLedger : IPublishLedger
{
    private readonly ConcurrentDictionary<string, PublishReceipt?> _entries = new();

    public (bool Confirmed, PublishReceipt? Receipt)? Find(string idempotencyKey) =>
        _entries.TryGetValue(idempotencyKey, out var receipt) ? (receipt is not null, receipt) : null;

    public void RecordIntent(string idempotencyKey, string platform) => _entries.TryAdd(idempotencyKey, null);

    public void Confirm(string idempotencyKey, PublishReceipt receipt) => _entries[idempotencyKey] = receipt;
}
