namespace AiVideo.Memory.Pinecone;

/// <summary>What <c>describe_index_stats</c> reports: the index dimension, its record count, and the record count per namespace.</summary>
/// <param name="Dimension">The index's vector dimension.</param>
/// <param name="TotalVectorCount">Records in all namespaces.</param>
/// <param name="Namespaces">Record count by namespace name.</param>
public sealed record PineconeIndexStats(int Dimension, long TotalVectorCount, IReadOnlyDictionary<string, long> Namespaces);
