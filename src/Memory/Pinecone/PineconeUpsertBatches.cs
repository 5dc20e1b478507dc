namespace AiVideo.Memory.Pinecone;

/// <summary>
/// Splits an upsert into request bodies Pinecone accepts: at most <see cref="MaxVectors"/> records and at most
/// <see cref="MaxBytes"/> bytes of JSON each, measured on the serialized body itself.
/// </summary>
internal static class PineconeUpsertBatches
{
    /// <summary>Pinecone's limit on records per upsert request.</summary>
    public const int MaxVectors = 1000;

    /// <summary>Pinecone's 2 MB limit on an upsert request, read as the smaller 2,000,000 bytes.</summary>
    public const int MaxBytes = 2_000_000;

    /// <summary>Every record is serialized (and checked) before the first body is returned, so a bad record fails the whole upsert up front.</summary>
    public static IReadOnlyList<PineconeUpsertBody> Create(string @namespace, IEnumerable<PineconeVector> vectors, int maxVectors = MaxVectors, int maxBytes = MaxBytes)
    {
        var prefix = "{\"vectors\":["u8.ToArray();
        var suffix = PineconeWire.Serialize(w =>
        {
            w.WriteStartObject();
            w.WriteString("namespace", @namespace);
            w.WriteEndObject();
        });
        // "],"namespace":"ns"}" from {"namespace":"ns"}: drop the leading '{' and put "]," before it.
        suffix = [.. "],"u8, .. suffix.AsSpan(1)];
        var envelope = prefix.Length + suffix.Length;

        var items = new List<(string Id, byte[] Json)>();
        foreach (var vector in vectors)
        {
            var json = PineconeWire.Serialize(w => PineconeWire.WriteVector(w, vector));
            if (envelope + json.Length > maxBytes)
            {
                throw new ArgumentException($"record '{vector.Id}' is {json.Length:N0} bytes of JSON; a Pinecone upsert request can hold at most {maxBytes:N0}");
            }
            items.Add((vector.Id, json));
        }

        var bodies = new List<PineconeUpsertBody>();
        var batch = new List<byte[]>();
        var size = envelope;
        foreach (var (_, json) in items)
        {
            var added = json.Length + (batch.Count > 0 ? 1 : 0);
            if (batch.Count == maxVectors || size + added > maxBytes)
            {
                bodies.Add(Join(prefix, batch, suffix, size));
                batch.Clear();
                size = envelope;
                added = json.Length;
            }
            batch.Add(json);
            size += added;
        }
        if (batch.Count > 0) bodies.Add(Join(prefix, batch, suffix, size));
        return bodies;
    }

    private static PineconeUpsertBody Join(byte[] prefix, List<byte[]> items, byte[] suffix, int size)
    {
        var body = new byte[size];
        var at = 0;
        prefix.CopyTo(body, at);
        at += prefix.Length;
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) body[at++] = (byte)',';
            items[i].CopyTo(body, at);
            at += items[i].Length;
        }
        suffix.CopyTo(body, at);
        return new PineconeUpsertBody(body, items.Count);
    }
}
