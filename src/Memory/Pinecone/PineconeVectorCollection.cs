using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using AiVideo.Memory.VectorData;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.Pinecone;

/// <summary>
/// A VectorData collection in one Pinecone namespace (the collection name; the product uses one namespace per
/// channel) of an index with cosine metric and the record type's vector dimension. Record data is stored as
/// metadata (storage values of <see cref="VectorRecordModel{TRecord}"/>); filters become Pinecone metadata filters.
/// Namespaces are implicit in Pinecone: the first upsert creates one and deleting every record removes it.
/// </summary>
public sealed class PineconeVectorCollection<TRecord> : VectorStoreCollection<string, TRecord>
    where TRecord : class
{
    /// <summary>Pinecone's largest topK when matches carry metadata (they always do here).</summary>
    public const int MaxTopK = 1000;

    private readonly PineconeClient _client;
    private readonly VectorRecordModel<TRecord> _model;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;

    /// <param name="client">The index to use.</param>
    /// <param name="name">The namespace, which is also the collection name.</param>
    /// <param name="embeddingGenerator">Lets <see cref="SearchAsync{TInput}"/> take text; null to search by vector only.</param>
    /// <param name="dimensions">Overrides the vector attribute's dimensions (the embedder decides them at run time).</param>
    public PineconeVectorCollection(PineconeClient client, string name, IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null, int? dimensions = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _model = new VectorRecordModel<TRecord>(dimensions);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _client = client;
        Name = name;
        _embedder = embeddingGenerator;
    }

    /// <summary>The Pinecone namespace.</summary>
    public override string Name { get; }

    public override async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        var stats = await _client.DescribeIndexStatsAsync(cancellationToken).ConfigureAwait(false);
        return stats.Namespaces.ContainsKey(Name);
    }

    /// <summary>Nothing to do: a Pinecone namespace comes into being with its first record.</summary>
    public override Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.CompletedTask;
    }

    /// <summary>Deletes every record in the namespace; a namespace that does not exist is fine.</summary>
    public override Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default) =>
        _client.DeleteAllAsync(Name, cancellationToken);

    public override Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        return UpsertAsync([record], cancellationToken);
    }

    /// <summary>Upserts in as few requests as Pinecone's limits allow (≤ 1000 records and ≤ 2 MB of JSON each).</summary>
    public override async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var vectors = records.Select(ToVector).ToList();
        if (vectors.Count == 0) return;
        await _client.UpsertAsync(Name, vectors, cancellationToken).ConfigureAwait(false);
    }

    public override Task DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return DeleteAsync([key], cancellationToken);
    }

    public override async Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.ToList();
        if (ids.Count == 0) return;
        await _client.DeleteAsync(Name, ids, cancellationToken).ConfigureAwait(false);
    }

    public override async Task<TRecord?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var found = await _client.FetchAsync(Name, [key], cancellationToken).ConfigureAwait(false);
        return found.TryGetValue(key, out var vector) ? ToRecord(vector.Id, vector.Values, vector.Metadata, options?.IncludeVectors ?? false) : null;
    }

    /// <summary>The records with these keys, in the order asked, leaving out keys the namespace does not hold.</summary>
    public override async IAsyncEnumerable<TRecord> GetAsync(IEnumerable<string> keys, RecordRetrievalOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var ids = keys.Distinct(StringComparer.Ordinal).ToList();
        if (ids.Count == 0) yield break;
        var found = await _client.FetchAsync(Name, ids, cancellationToken).ConfigureAwait(false);
        foreach (var id in ids)
        {
            if (found.TryGetValue(id, out var vector))
            {
                yield return ToRecord(vector.Id, vector.Values, vector.Metadata, options?.IncludeVectors ?? false);
            }
        }
    }

    /// <summary>Not possible: Pinecone's data plane finds records only by id or by similarity to a vector.</summary>
    public override IAsyncEnumerable<TRecord> GetAsync(Expression<Func<TRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<TRecord>? options = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException($"Pinecone cannot list records by filter alone (collection '{Name}'): get them by key, or use SearchAsync with a query vector and the filter in VectorSearchOptions.Filter");

    /// <summary>
    /// The <paramref name="top"/> records most similar to <paramref name="searchValue"/> (a <see cref="ReadOnlyMemory{T}"/>
    /// of float, a float array, an <see cref="Embedding{T}"/>, or text when the collection has an embedding generator),
    /// best first, with Pinecone's score. Honours Filter, Skip, IncludeVectors and ScoreThreshold.
    /// </summary>
    public override async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(TInput searchValue, int top, VectorSearchOptions<TRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(searchValue);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var skip = Math.Max(0, options?.Skip ?? 0);
        if ((long)top + skip > MaxTopK)
        {
            throw new ArgumentOutOfRangeException(nameof(top), $"top ({top}) + skip ({skip}) is over {MaxTopK}, the most Pinecone returns from one query with metadata");
        }
        var vector = await QueryVectorAsync(searchValue, cancellationToken).ConfigureAwait(false);
        if (vector.Length != _model.Dimensions)
        {
            throw new ArgumentException($"the query vector has {vector.Length} dimensions; collection '{Name}' stores {typeof(TRecord).Name} vectors of {_model.Dimensions}", nameof(searchValue));
        }
        var filter = FilterTranslator.Translate(options?.Filter, _model) is { } node ? PineconeFilterJson.Render(node) : null;
        var includeVectors = options?.IncludeVectors ?? false;
        var matches = await _client.QueryAsync(new PineconeQuery(Name, vector, top + skip, filter, includeVectors), cancellationToken).ConfigureAwait(false);
        foreach (var match in matches.OrderByDescending(m => m.Score).Skip(skip))
        {
            if (options?.ScoreThreshold is { } threshold && match.Score < threshold) yield break;
            yield return new VectorSearchResult<TRecord>(ToRecord(match.Id, match.Values, match.Metadata, includeVectors), match.Score);
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreCollectionMetadata) ? new VectorStoreCollectionMetadata { VectorStoreSystemName = PineconeVectorStore.SystemName, VectorStoreName = _client.IndexUri.Host, CollectionName = Name }
            : serviceType == typeof(PineconeClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }

    private PineconeVector ToVector(TRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new PineconeVector(_model.GetKey(record), _model.GetVector(record), PineconeMetadata.ToJson(_model.GetData(record)));
    }

    private TRecord ToRecord(string id, ReadOnlyMemory<float> values, System.Text.Json.Nodes.JsonObject? metadata, bool includeVectors) =>
        _model.Create(id, includeVectors && values.Length > 0 ? values : null, PineconeMetadata.FromJson(metadata));

    private async Task<ReadOnlyMemory<float>> QueryVectorAsync<TInput>(TInput value, CancellationToken cancellationToken) => value switch
    {
        ReadOnlyMemory<float> memory => memory,
        float[] array => array,
        Embedding<float> embedding => embedding.Vector,
        string text when _embedder is not null => (await _embedder.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false))[0].Vector,
        string => throw new NotSupportedException($"collection '{Name}' has no embedding generator: search with a vector, or give the store or collection an IEmbeddingGenerator<string, Embedding<float>>"),
        _ => throw new NotSupportedException($"cannot search with a {typeof(TInput).Name}: use ReadOnlyMemory<float>, float[], Embedding<float> or string"),
    };
}
