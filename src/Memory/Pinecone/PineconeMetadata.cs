using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiVideo.Memory.Pinecone;

/// <summary>
/// Record data (storage values from <see cref="VectorData.VectorRecordModel{TRecord}"/>) as Pinecone metadata and back:
/// strings, booleans, numbers (Pinecone keeps them as 64-bit floats; whole numbers come back as longs) and string lists.
/// Null values are left out, since Pinecone rejects null metadata.
/// </summary>
internal static class PineconeMetadata
{
    public static JsonObject ToJson(IReadOnlyDictionary<string, object?> data)
    {
        var metadata = new JsonObject();
        foreach (var (name, value) in data)
        {
            JsonNode? node = value switch
            {
                null => null,
                string s => JsonValue.Create(s),
                bool b => JsonValue.Create(b),
                long l => JsonValue.Create(l),
                double d when double.IsFinite(d) => JsonValue.Create(d),
                double => throw new ArgumentException($"metadata '{name}' is {value}; Pinecone stores only finite numbers"),
                IEnumerable<string> list => new JsonArray(list.Where(item => item is not null).Select(item => (JsonNode?)JsonValue.Create(item)).ToArray()),
                _ => throw new NotSupportedException($"metadata '{name}': Pinecone cannot store a {value.GetType().Name}"),
            };
            if (node is not null) metadata[name] = node;
        }
        return metadata;
    }

    public static IReadOnlyDictionary<string, object?> FromJson(JsonObject? metadata)
    {
        var data = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (metadata is null) return data;
        foreach (var (name, node) in metadata)
        {
            data[name] = node switch
            {
                null => null,
                JsonArray array => array.Select(item => item?.ToString() ?? "").ToList(),
                JsonValue value => Scalar(value),
                _ => node.ToJsonString(),
            };
        }
        return data;
    }

    private static object? Scalar(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => value.GetValue<string>(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Number => value.TryGetValue<long>(out var whole) ? whole : value.GetValue<double>(),
        _ => null,
    };
}
