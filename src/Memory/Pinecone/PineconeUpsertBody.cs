namespace AiVideo.Memory.Pinecone;

/// <summary>One upsert request body and how many records it carries.</summary>
internal sealed record PineconeUpsertBody(byte[] Json, int Count);
