using System.Text.Json.Nodes;

namespace AiVideo.Memory.Pinecone;

/// <summary>A nearest-neighbour query in one namespace.</summary>
/// <param name="Namespace">The namespace to search.</param>
/// <param name="Vector">The query vector (the index's dimension).</param>
/// <param name="TopK">How many matches to return (1–10000; at most 1000 with metadata or values included).</param>
/// <param name="Filter">A metadata filter (see <see cref="PineconeFilterJson"/>), or null for none.</param>
/// <param name="IncludeValues">Whether matches carry their vectors.</param>
/// <param name="IncludeMetadata">Whether matches carry their metadata.</param>
public sealed record PineconeQuery(string Namespace, ReadOnlyMemory<float> Vector, int TopK, JsonObject? Filter = null, bool IncludeValues = false, bool IncludeMetadata = true);
