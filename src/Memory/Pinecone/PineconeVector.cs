using System.Text.Json.Nodes;

namespace AiVideo.Memory.Pinecone;

/// <summary>One Pinecone record as sent to upsert or returned by fetch: id, dense values, and flat metadata.</summary>
/// <param name="Id">The record id (unique within a namespace).</param>
/// <param name="Values">The dense vector; empty when a response left the values out.</param>
/// <param name="Metadata">String, number, boolean or string-list values by key; null when there is none.</param>
public sealed record PineconeVector(string Id, ReadOnlyMemory<float> Values, JsonObject? Metadata = null);
