using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using AiVideo.Memory.VectorData;

namespace AiVideo.Memory.Sqlite;

/// <summary>
/// Table layout of the SQLite vector store. <c>vector_collections</c> names each collection's table, its dimensions
/// and a version bumped by every write (readers cache vectors per version). A collection's table holds the key, the
/// vector (float32 blob), the record's data as JSON, and one indexed column per <c>IsIndexed</c> data property.
/// </summary>
internal static partial class SqliteVectorSchema
{
    public const string Catalog = """
        CREATE TABLE IF NOT EXISTS vector_collections (
            name        TEXT PRIMARY KEY,
            table_name  TEXT NOT NULL UNIQUE,
            dimensions  INTEGER NOT NULL,
            version     INTEGER NOT NULL DEFAULT 0
        );
        """;

    public static string TableName(string collection)
    {
        var safe = Unsafe().Replace(collection.ToLowerInvariant(), "_");
        if (safe.Length > 40) safe = safe[..40];
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(collection)))[..8];
        return $"vec_{safe}_{hash}";
    }

    public static string ColumnName(string storageName) => "\"d_" + storageName.Replace("\"", "", StringComparison.Ordinal) + "\"";

    public static string CreateTable<TRecord>(string table, VectorRecordModel<TRecord> model)
        where TRecord : class
    {
        var sql = new StringBuilder();
        sql.Append($"CREATE TABLE IF NOT EXISTS \"{table}\" (key TEXT PRIMARY KEY, vector BLOB NOT NULL, data TEXT NOT NULL");
        foreach (var property in Indexed(model))
        {
            sql.Append(", ").Append(ColumnName(property.StorageName)).Append(' ').Append(property.Kind switch
            {
                StorageKind.Text => "TEXT",
                StorageKind.Real => "REAL",
                _ => "INTEGER",
            });
        }
        sql.Append(");\n");
        foreach (var property in Indexed(model))
        {
            sql.Append($"CREATE INDEX IF NOT EXISTS \"ix_{table}_{property.StorageName.Replace("\"", "", StringComparison.Ordinal)}\" ON \"{table}\" ({ColumnName(property.StorageName)});\n");
        }
        return sql.ToString();
    }

    public static IEnumerable<DataProperty> Indexed<TRecord>(VectorRecordModel<TRecord> model)
        where TRecord : class => model.Indexed.Where(p => p.Kind != StorageKind.TextList);

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex Unsafe();
}
