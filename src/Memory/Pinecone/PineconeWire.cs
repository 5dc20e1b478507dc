using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiVideo.Memory.Pinecone;

/// <summary>Reads and writes the JSON shapes of Pinecone's data plane (camelCase, dense float vectors, flat metadata).</summary>
internal static class PineconeWire
{
    public static byte[] Serialize(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }
        return buffer.WrittenSpan.ToArray();
    }

    public static void WriteVector(Utf8JsonWriter writer, PineconeVector vector)
    {
        writer.WriteStartObject();
        writer.WriteString("id", vector.Id);
        WriteFloats(writer, "values", vector.Values.Span);
        if (vector.Metadata is { Count: > 0 } metadata)
        {
            writer.WritePropertyName("metadata");
            metadata.WriteTo(writer);
        }
        writer.WriteEndObject();
    }

    public static void WriteFloats(Utf8JsonWriter writer, string name, ReadOnlySpan<float> values)
    {
        writer.WriteStartArray(name);
        foreach (var value in values)
        {
            if (!float.IsFinite(value)) throw new ArgumentException("Pinecone vectors cannot hold NaN or infinity");
            writer.WriteNumberValue(value);
        }
        writer.WriteEndArray();
    }

    public static PineconeVector ReadVector(string fallbackId, JsonObject vector) =>
        new(vector["id"]?.GetValue<string>() ?? fallbackId, ReadFloats(vector["values"]), vector["metadata"] as JsonObject);

    public static PineconeMatch ReadMatch(JsonObject match) =>
        new(match["id"]?.GetValue<string>() ?? "", match["score"]?.GetValue<double>() ?? 0, ReadFloats(match["values"]), match["metadata"] as JsonObject);

    public static ReadOnlyMemory<float> ReadFloats(JsonNode? node) =>
        node is JsonArray array ? array.Select(v => v?.GetValue<float>() ?? 0f).ToArray() : ReadOnlyMemory<float>.Empty;

    public static long ReadLong(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.Number
            ? value.TryGetValue<long>(out var whole) ? whole : (long)value.GetValue<double>()
            : 0;
}
