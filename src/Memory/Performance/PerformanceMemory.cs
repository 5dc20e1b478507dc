using System.Security.Cryptography;
using System.Text;
using AiVideo.Contracts;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.Performance;

/// <summary>
/// The channel's performance memory: the <see cref="PerformanceLedger"/> is the truth, a VectorData collection per
/// channel (<c>performance-&lt;channel&gt;</c>, SQLite or Pinecone) is its search index, kept in sync by fingerprint
/// (text + newest metrics + embedder), so only changed videos are embedded again. <see cref="RecallAsync"/> gives
/// ideation the k most similar past videos plus the best and worst performers and the per-hook-style record.
/// </summary>
public sealed class PerformanceMemory(
    PerformanceLedger ledger,
    VectorStore store,
    string storeId,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    PerformanceMemoryOptions options,
    TimeProvider time)
{
    private readonly SemaphoreSlim _dimensionsLock = new(1, 1);
    private int? _dimensions;

    public PerformanceLedger Ledger => ledger;

    public static string CollectionName(string channelId) => "performance-" + channelId;

    /// <summary>Indexes videos that are new or changed since the last sync; returns how many were (re)embedded.</summary>
    public async Task<int> SyncAsync(string channelId, CancellationToken cancellationToken)
    {
        var videos = await ledger.ListAsync(channelId, null, cancellationToken).ConfigureAwait(false);
        var collection = await CollectionAsync(channelId, cancellationToken).ConfigureAwait(false);
        return await SyncAsync(channelId, videos, collection, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> SyncAsync(string channelId, IReadOnlyList<VideoPerformance> videos, VectorStoreCollection<string, PerformanceVectorRecord> collection,
        CancellationToken cancellationToken)
    {
        var indexId = IndexId(channelId);
        var indexed = await ledger.IndexedAsync(indexId, cancellationToken).ConfigureAwait(false);
        var stale = videos.Select(v => (Video: v, Fingerprint: Fingerprint(v))).Where(x => !indexed.TryGetValue(x.Video.Key, out var f) || f != x.Fingerprint).ToList();
        if (stale.Count == 0) return 0;
        foreach (var batch in stale.Chunk(64))
        {
            var embeddings = await embedder.GenerateAsync(batch.Select(b => b.Video.Video.EmbeddingText), cancellationToken: cancellationToken).ConfigureAwait(false);
            var records = batch.Select((b, i) => new PerformanceVectorRecord
            {
                Key = b.Video.Key,
                ChannelId = b.Video.Video.ChannelId,
                Platform = b.Video.Video.Platform,
                PostedAt = b.Video.Video.PostedAt,
                HookStyle = b.Video.Video.HookStyle,
                Topic = b.Video.Video.Topic,
                Hook = b.Video.Video.Hook,
                Score = b.Video.Score ?? -1,
                Vector = embeddings[i].Vector,
            }).ToList();
            await collection.UpsertAsync(records, cancellationToken).ConfigureAwait(false);
            await ledger.MarkIndexedAsync(indexId, batch.ToDictionary(b => b.Video.Key, b => b.Fingerprint), cancellationToken).ConfigureAwait(false);
        }
        return stale.Count;
    }

    /// <summary>What ideation should know before writing about <paramref name="topicText"/> for this channel.</summary>
    public async Task<PerformanceContext> RecallAsync(string channelId, string topicText, CancellationToken cancellationToken)
    {
        // One read of the channel's videos and one collection handle serve both the index sync and the recall.
        var all = await ledger.ListAsync(channelId, null, cancellationToken).ConfigureAwait(false);
        var collection = await CollectionAsync(channelId, cancellationToken).ConfigureAwait(false);
        await SyncAsync(channelId, all, collection, cancellationToken).ConfigureAwait(false);
        var since = options.LookbackDays > 0 ? time.GetUtcNow().AddDays(-options.LookbackDays) : DateTimeOffset.MinValue;
        if (options.LookbackDays > 0) all = all.Where(v => v.Video.PostedAt >= since).ToList();
        if (all.Count == 0) return PerformanceContext.Empty;
        var byKey = all.ToDictionary(v => v.Key);
        var reasons = new Dictionary<string, (List<string> Reasons, double? Similarity)>();
        void Add(string key, string reason, double? similarity = null)
        {
            if (!reasons.TryGetValue(key, out var entry)) reasons[key] = entry = ([], similarity);
            entry.Reasons.Add(reason);
            if (similarity is not null) reasons[key] = (entry.Reasons, similarity);
        }

        if (options.Similar > 0)
        {
            var query = (await embedder.GenerateAsync([topicText], cancellationToken: cancellationToken).ConfigureAwait(false))[0].Vector;
            var search = new VectorSearchOptions<PerformanceVectorRecord>
            {
                Filter = options.LookbackDays > 0 ? r => r.ChannelId == channelId && r.PostedAt >= since : r => r.ChannelId == channelId,
            };
            await foreach (var hit in collection.SearchAsync(query, options.Similar * 2, search, cancellationToken).ConfigureAwait(false))
            {
                if (!byKey.ContainsKey(hit.Record.Key)) continue;
                if (reasons.Count(r => r.Value.Similarity is not null) >= options.Similar) break;
                Add(hit.Record.Key, $"similar topic ({hit.Score:0.00})", Math.Round(hit.Score ?? 0, 3));
            }
        }
        var measured = all.Where(v => v.Score is not null).OrderByDescending(v => v.Score).ThenBy(v => v.Key, StringComparer.Ordinal).ToList();
        foreach (var best in measured.Take(options.BestAndWorst)) Add(best.Key, $"best performer (score {best.Score:0.#})");
        foreach (var worst in measured.AsEnumerable().Reverse().Take(Math.Min(options.BestAndWorst, Math.Max(0, measured.Count - options.BestAndWorst))))
        {
            Add(worst.Key, $"worst performer (score {worst.Score:0.#})");
        }

        var videos = reasons.Select(r =>
        {
            var v = byKey[r.Key];
            return new RecalledVideo(v.Key, v.Video.Platform, v.Video.Title, v.Video.Topic, v.Video.Hook, v.Video.HookStyle, v.Video.PostedAt,
                v.Latest?.Views, v.Latest?.AverageViewPercent, v.Score, r.Value.Similarity, r.Value.Reasons);
        }).ToList();
        var styles = measured.GroupBy(v => v.Video.HookStyle)
            .Select(g => new HookStyleStat(g.Key, g.Count(), Math.Round(g.Average(v => v.Score!.Value), 3)))
            .OrderByDescending(s => s.MeanScore).ThenBy(s => s.Style, StringComparer.Ordinal).ToList();
        return new PerformanceContext { Videos = videos, HookStyles = styles, MeasuredVideos = measured.Count };
    }

    private async Task<VectorStoreCollection<string, PerformanceVectorRecord>> CollectionAsync(string channelId, CancellationToken cancellationToken)
    {
        var dimensions = await DimensionsAsync(cancellationToken).ConfigureAwait(false);
        var definition = new VectorStoreCollectionDefinition { Properties = [new VectorStoreVectorProperty(nameof(PerformanceVectorRecord.Vector), typeof(ReadOnlyMemory<float>), dimensions)] };
        var collection = store.GetCollection<string, PerformanceVectorRecord>(CollectionName(channelId), definition);
        await collection.EnsureCollectionExistsAsync(cancellationToken).ConfigureAwait(false);
        return collection;
    }

    private async Task<int> DimensionsAsync(CancellationToken cancellationToken)
    {
        if (_dimensions is { } known) return known;
        await _dimensionsLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _dimensions ??= (await embedder.GenerateAsync(["dimensions probe"], cancellationToken: cancellationToken).ConfigureAwait(false))[0].Vector.Length;
            return _dimensions.Value;
        }
        finally
        {
            _dimensionsLock.Release();
        }
    }

    private string IndexId(string channelId)
    {
        var metadata = embedder.GetService(typeof(EmbeddingGeneratorMetadata)) as EmbeddingGeneratorMetadata;
        return $"{storeId}|{CollectionName(channelId)}|{metadata?.ProviderName}/{metadata?.DefaultModelId}";
    }

    private static string Fingerprint(VideoPerformance v) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            $"{v.Video.EmbeddingText}\n{v.Video.HookStyle}\n{v.Video.PostedAt.ToUnixTimeMilliseconds()}\n{v.Latest?.ObservedAt.ToUnixTimeMilliseconds()}\n{v.Score}")))[..16];
}
