using System.Runtime.CompilerServices;
using AiVideo.Memory.VectorData;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.Sqlite;

/// <summary>
/// The embedded VectorData store: collections are tables in one SQLite file, searched exactly (cosine) in process.
/// Give it an embedding generator to search by text.
/// </summary>
public sealed class SqliteVectorStore(string databasePath, IEmbeddingGenerator<string, Embedding<float>>? embedder = null) : VectorStore
{
    private readonly SqliteVectorDatabase _database = new(databasePath);

    public string DatabasePath => _database.Path;

    public override VectorStoreCollection<TKey, TRecord> GetCollection<TKey, TRecord>(string name, VectorStoreCollectionDefinition? definition = null)
    {
        if (typeof(TKey) != typeof(string)) throw new NotSupportedException("the SQLite vector store keys records by string");
        return (VectorStoreCollection<TKey, TRecord>)(object)new SqliteVectorCollection<TRecord>(_database, name, embedder, CollectionDefinitions.VectorDimensions(definition));
    }

    public override VectorStoreCollection<object, Dictionary<string, object?>> GetDynamicCollection(string name, VectorStoreCollectionDefinition definition) =>
        throw new NotSupportedException("the SQLite vector store has no dynamic collections; use a record type with VectorData attributes");

    public override async IAsyncEnumerable<string> ListCollectionNamesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM vector_collections ORDER BY name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) yield return reader.GetString(0);
    }

    public override async Task<bool> CollectionExistsAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM vector_collections WHERE name = $name";
        command.Parameters.AddWithValue("$name", name);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not null;
    }

    public override async Task EnsureCollectionDeletedAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var lookup = connection.CreateCommand();
        lookup.CommandText = "SELECT table_name FROM vector_collections WHERE name = $name";
        lookup.Parameters.AddWithValue("$name", name);
        if (await lookup.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not string table) return;
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP TABLE IF EXISTS \"{table}\"; DELETE FROM vector_collections WHERE name = $name;";
        drop.Parameters.AddWithValue("$name", name);
        await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(VectorStoreMetadata) ? new VectorStoreMetadata { VectorStoreSystemName = "sqlite", VectorStoreName = _database.Path }
        : serviceType.IsInstanceOfType(this) ? this
        : null;
}
