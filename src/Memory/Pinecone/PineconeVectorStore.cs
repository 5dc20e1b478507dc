using AiVideo.Memory.VectorData;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.Pinecone;

/// <summary>
/// A VectorData store over one Pinecone index: each collection is a namespace of that index (see
/// <see cref="PineconeVectorCollection{TRecord}"/>), keyed by string. Give it an embedding generator to search by text.
/// Build it from options with <c>new PineconeVectorStore(new PineconeClient(httpClient, options))</c>.
/// </summary>
public sealed class PineconeVectorStore : VectorStore
{
    /// <summary>The vector store system name reported in metadata and exceptions.</summary>
    public const string SystemName = "pinecone";

    private readonly PineconeClient _client;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;

    /// <param name="client">The index's client.</param>
    /// <param name="embeddingGenerator">Passed to every collection so searches can take text; null to search by vector only.</param>
    public PineconeVectorStore(PineconeClient client, IEmbeddingGenerator<string, Embedding<float>>? embeddingGenerator = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        _client = client;
        _embedder = embeddingGenerator;
    }

    public override VectorStoreCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
    {
        if (typeof(TKey) != typeof(string)) throw new NotSupportedException($"the Pinecone vector store keys records by string, not {typeof(TKey).Name}");
        return (VectorStoreCollection<TKey, TRecord>)(object)new PineconeVectorCollection<TRecord>(_client, name, _embedder, CollectionDefinitions.VectorDimensions(definition));
    }

    public override VectorStoreCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition) =>
        throw new NotSupportedException("the Pinecone vector store has no dynamic collections; use a record type with VectorData attributes");

    /// <summary>The index's namespaces that hold records.</summary>
    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var stats = await _client.DescribeIndexStatsAsync(cancellationToken).ConfigureAwait(false);
        foreach (var name in stats.Namespaces.Keys.Order(StringComparer.Ordinal)) yield return name;
    }

    public override async Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var stats = await _client.DescribeIndexStatsAsync(cancellationToken).ConfigureAwait(false);
        return stats.Namespaces.ContainsKey(name);
    }

    /// <summary>Deletes every record in the namespace; a namespace that does not exist is fine.</summary>
    public override Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return _client.DeleteAllAsync(name, cancellationToken);
    }

    public override object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is not null ? null
            : serviceType == typeof(VectorStoreMetadata) ? new VectorStoreMetadata { VectorStoreSystemName = SystemName, VectorStoreName = _client.IndexUri.Host }
            : serviceType == typeof(PineconeClient) ? _client
            : serviceType.IsInstanceOfType(this) ? this
            : null;
    }
}
