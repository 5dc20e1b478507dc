using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Text.Json;
using AiVideo.Memory.VectorData;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.Sqlite;

/// <summary>
/// A VectorData collection in a SQLite table: exact top-k cosine search over every vector (no approximate index, so
/// results equal a brute-force scan), metadata filters pushed into SQL. Vectors are read once per collection version
/// into a <see cref="VectorSnapshot"/>; any write bumps the version so every reader (in any process) reloads.
/// </summary>
public sealed class SqliteVectorCollection<TRecord> : VectorStoreCollection<string, TRecord>
    where TRecord : class
{
    private readonly SqliteVectorDatabase _database;
    private readonly VectorRecordModel<TRecord> _model;
    private readonly SqliteFilterSql _filters;
    private readonly IEmbeddingGenerator<string, Embedding<float>>? _embedder;
    private readonly string _table;
    private readonly SemaphoreSlim _snapshotLock = new(1, 1);
    private VectorSnapshot? _snapshot;

    internal SqliteVectorCollection(SqliteVectorDatabase database, string name, IEmbeddingGenerator<string, Embedding<float>>? embedder, int? dimensions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        _model = new VectorRecordModel<TRecord>(dimensions);
        _database = database;
        Name = name;
        _embedder = embedder;
        _table = SqliteVectorSchema.TableName(name);
        _filters = new SqliteFilterSql(_model.Data);
    }

    public override string Name { get; }

    public override async Task<bool> CollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await VersionAsync(connection, null, cancellationToken).ConfigureAwait(false) is not null;
    }

    public override async Task EnsureCollectionExistsAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var read = Command(connection, transaction, "SELECT dimensions FROM vector_collections WHERE name = $name"))
        {
            read.Parameters.AddWithValue("$name", Name);
            if (await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long dimensions && dimensions != _model.Dimensions)
            {
                throw new VectorStoreException($"collection '{Name}' stores {dimensions}-dimension vectors; {typeof(TRecord).Name} has {_model.Dimensions}") { CollectionName = Name };
            }
        }
        await using (var create = Command(connection, transaction, SqliteVectorSchema.CreateTable(_table, _model) +
            "INSERT OR IGNORE INTO vector_collections (name, table_name, dimensions, version) VALUES ($name, $table, $dims, 0);"))
        {
            create.Parameters.AddWithValue("$name", Name);
            create.Parameters.AddWithValue("$table", _table);
            create.Parameters.AddWithValue("$dims", _model.Dimensions);
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task EnsureCollectionDeletedAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Command(connection, null, $"DROP TABLE IF EXISTS \"{_table}\"; DELETE FROM vector_collections WHERE name = $name;");
        command.Parameters.AddWithValue("$name", Name);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        _snapshot = null;
    }

    public override async Task UpsertAsync(TRecord record, CancellationToken cancellationToken = default) =>
        await UpsertAsync([record], cancellationToken).ConfigureAwait(false);

    public override async Task UpsertAsync(IEnumerable<TRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        var list = records.ToList();
        if (list.Count == 0) return;
        var indexed = SqliteVectorSchema.Indexed(_model).ToList();
        var columns = string.Concat(indexed.Select(p => ", " + SqliteVectorSchema.ColumnName(p.StorageName)));
        var values = string.Concat(indexed.Select((_, i) => $", $c{i}"));
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await RequireCollectionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await using var upsert = Command(connection, transaction,
            $"INSERT OR REPLACE INTO \"{_table}\" (key, vector, data{columns}) VALUES ($key, $vector, $data{values})");
        foreach (var record in list)
        {
            cancellationToken.ThrowIfCancellationRequested();
            upsert.Parameters.Clear();
            var data = _model.GetData(record);
            upsert.Parameters.AddWithValue("$key", _model.GetKey(record));
            upsert.Parameters.AddWithValue("$vector", MemoryMarshal.AsBytes(_model.GetVector(record).Span).ToArray());
            upsert.Parameters.AddWithValue("$data", JsonSerializer.Serialize(data));
            for (var i = 0; i < indexed.Count; i++)
            {
                upsert.Parameters.AddWithValue($"$c{i}", data[indexed[i].StorageName] switch
                {
                    null => DBNull.Value,
                    bool b => b ? 1L : 0L,
                    var v => v,
                });
            }
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await BumpVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task DeleteAsync(string key, CancellationToken cancellationToken = default) =>
        await DeleteAsync([key], cancellationToken).ConfigureAwait(false);

    public override async Task DeleteAsync(IEnumerable<string> keys, CancellationToken cancellationToken = default)
    {
        var list = keys.ToList();
        if (list.Count == 0) return;
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (await VersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false) is null) return;
        await using var delete = Command(connection, transaction, $"DELETE FROM \"{_table}\" WHERE key = $key");
        foreach (var key in list)
        {
            delete.Parameters.Clear();
            delete.Parameters.AddWithValue("$key", key);
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await BumpVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task<TRecord?> GetAsync(string key, RecordRetrievalOptions? options = null, CancellationToken cancellationToken = default)
    {
        await foreach (var record in GetAsync([key], options, cancellationToken).ConfigureAwait(false)) return record;
        return null;
    }

    public override async IAsyncEnumerable<TRecord> GetAsync(IEnumerable<string> keys, RecordRetrievalOptions? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var list = keys.Distinct().ToList();
        if (list.Count == 0) yield break;
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (await VersionAsync(connection, null, cancellationToken).ConfigureAwait(false) is null) yield break;
        var includeVectors = options?.IncludeVectors ?? false;
        foreach (var chunk in list.Chunk(500))
        {
            await using var command = Command(connection, null, "");
            command.CommandText = $"SELECT key, data, vector FROM \"{_table}\" WHERE key IN ({string.Join(", ", chunk.Select((k, i) => { command.Parameters.AddWithValue($"$k{i}", k); return $"$k{i}"; }))})";
            await foreach (var record in ReadAsync(command, includeVectors, cancellationToken).ConfigureAwait(false)) yield return record;
        }
    }

    public override async IAsyncEnumerable<TRecord> GetAsync(Expression<Func<TRecord, bool>> filter, int top, FilteredRecordRetrievalOptions<TRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var node = FilterTranslator.Translate(filter, _model);
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        if (await VersionAsync(connection, null, cancellationToken).ConfigureAwait(false) is null) yield break;
        await using var command = Command(connection, null, "");
        var where = node is null ? "1" : _filters.Render(node, command);
        var order = options?.OrderBy is { } orderBy ? OrderBy(orderBy(new FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition())) : "rowid";
        command.CommandText = $"SELECT key, data, vector FROM \"{_table}\" WHERE {where} ORDER BY {order} LIMIT {top} OFFSET {Math.Max(0, options?.Skip ?? 0)}";
        await foreach (var record in ReadAsync(command, options?.IncludeVectors ?? false, cancellationToken).ConfigureAwait(false)) yield return record;
    }

    public override async IAsyncEnumerable<VectorSearchResult<TRecord>> SearchAsync<TInput>(TInput searchValue, int top, VectorSearchOptions<TRecord>? options = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(top, 1);
        var query = await QueryVectorAsync(searchValue, cancellationToken).ConfigureAwait(false);
        if (query.Length != _model.Dimensions)
        {
            throw new ArgumentException($"the query vector has {query.Length} dimensions; collection '{Name}' stores {_model.Dimensions}", nameof(searchValue));
        }
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        var snapshot = await SnapshotAsync(connection, cancellationToken).ConfigureAwait(false);
        if (snapshot is null) yield break;
        IReadOnlyCollection<long>? allowed = null;
        if (FilterTranslator.Translate(options?.Filter, _model) is { } node)
        {
            await using var filter = Command(connection, null, "");
            filter.CommandText = $"SELECT rowid FROM \"{_table}\" WHERE {_filters.Render(node, filter)}";
            var rows = new List<long>();
            await using var reader = await filter.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) rows.Add(reader.GetInt64(0));
            allowed = rows;
        }
        var skip = Math.Max(0, options?.Skip ?? 0);
        var hits = snapshot.TopK(query.Span, top + skip, allowed, options?.ScoreThreshold).Skip(skip).ToList();
        if (hits.Count == 0) yield break;
        await using var load = Command(connection, null, "");
        load.CommandText = $"SELECT key, data, vector, rowid FROM \"{_table}\" WHERE rowid IN ({string.Join(", ", hits.Select(h => h.RowId))})";
        var byRow = new Dictionary<long, TRecord>(hits.Count);
        await using (var reader = await load.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                byRow[reader.GetInt64(3)] = Read(reader, options?.IncludeVectors ?? false);
            }
        }
        foreach (var (rowId, score) in hits)
        {
            if (byRow.TryGetValue(rowId, out var record)) yield return new VectorSearchResult<TRecord>(record, score);
        }
    }

    public override object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceKey is not null ? null
        : serviceType == typeof(VectorStoreCollectionMetadata) ? new VectorStoreCollectionMetadata { VectorStoreSystemName = "sqlite", VectorStoreName = _database.Path, CollectionName = Name }
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    protected override void Dispose(bool disposing)
    {
        if (disposing) _snapshotLock.Dispose();
        base.Dispose(disposing);
    }

    private async Task<ReadOnlyMemory<float>> QueryVectorAsync<TInput>(TInput value, CancellationToken cancellationToken) => value switch
    {
        ReadOnlyMemory<float> memory => memory,
        float[] array => array,
        Embedding<float> embedding => embedding.Vector,
        string text when _embedder is not null => (await _embedder.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false))[0].Vector,
        string => throw new NotSupportedException($"collection '{Name}' has no embedding generator: search with a vector, or create the store with one"),
        _ => throw new NotSupportedException($"cannot search with a {typeof(TInput).Name}: use ReadOnlyMemory<float>, float[], Embedding<float> or string"),
    };

    private async Task<VectorSnapshot?> SnapshotAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        var version = await VersionAsync(connection, null, cancellationToken).ConfigureAwait(false);
        if (version is null) return null;
        if (_snapshot is { } current && current.Version == version) return current;
        await _snapshotLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_snapshot is { } fresh && fresh.Version == version) return fresh;
            // Read the version and the rows in one transaction, so the snapshot is exactly that version.
            await using var transaction = connection.BeginTransaction(deferred: true);
            var atRead = await VersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false) ?? 0;
            var rows = new List<(long, ReadOnlyMemory<float>)>();
            await using (var command = Command(connection, transaction, $"SELECT rowid, vector FROM \"{_table}\""))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    rows.Add((reader.GetInt64(0), MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(1)).ToArray()));
                }
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return _snapshot = new VectorSnapshot(atRead, _model.Dimensions, rows);
        }
        finally
        {
            _snapshotLock.Release();
        }
    }

    private async IAsyncEnumerable<TRecord> ReadAsync(SqliteCommand command, bool includeVectors, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false)) yield return Read(reader, includeVectors);
    }

    private TRecord Read(SqliteDataReader reader, bool includeVectors)
    {
        var data = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(reader.GetString(1)) ?? [];
        var values = data.ToDictionary(kv => kv.Key, kv => FromJson(kv.Value));
        ReadOnlyMemory<float>? vector = includeVectors ? MemoryMarshal.Cast<byte, float>((byte[])reader.GetValue(2)).ToArray() : null;
        return _model.Create(reader.GetString(0), vector, values);
    }

    private static object? FromJson(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.Array => element.EnumerateArray().Select(e => e.ToString()).ToList(),
        _ => null,
    };

    private string OrderBy(FilteredRecordRetrievalOptions<TRecord>.OrderByDefinition orderBy)
    {
        var parts = orderBy.Values.Select(sort =>
        {
            var body = sort.PropertySelector.Body is UnaryExpression { NodeType: ExpressionType.Convert } u ? u.Operand : sort.PropertySelector.Body;
            var property = body is MemberExpression { Member.Name: var name } ? _model.FindData(name) : null;
            if (property is null) throw new NotSupportedException($"order by '{sort.PropertySelector}': only [VectorStoreData] properties can be sorted on");
            return _filters.Column(property.StorageName) + (sort.Ascending ? " ASC" : " DESC");
        }).ToList();
        return parts.Count == 0 ? "rowid" : string.Join(", ", parts);
    }

    private async Task RequireCollectionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        if (await VersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new VectorStoreException($"collection '{Name}' does not exist: call EnsureCollectionExistsAsync first") { CollectionName = Name, VectorStoreSystemName = "sqlite" };
        }
    }

    private async Task<long?> VersionAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "SELECT version FROM vector_collections WHERE name = $name");
        command.Parameters.AddWithValue("$name", Name);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long?;
    }

    private async Task BumpVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, "UPDATE vector_collections SET version = version + 1 WHERE name = $name");
        command.Parameters.AddWithValue("$name", Name);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
