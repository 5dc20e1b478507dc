using System.Text.Json.Nodes;

namespace AiVideo.Memory.Pinecone;

/// <summary>One query match: the record id, its similarity score (higher is closer for cosine), and what was asked to be included.</summary>
/// <param name="Id">The record id.</param>
/// <param name="Score">Pinecone's score for the index metric.</param>
/// <param name="Values">The vector when <c>includeValues</c> was asked; otherwise empty.</param>
/// <param name="Metadata">The metadata when <c>includeMetadata</c> was asked; otherwise null.</param>
public sealed record PineconeMatch(string Id, double Score, ReadOnlyMemory<float> Values, JsonObject? Metadata);
