namespace AiVideo.McpServers.Publish.TikTok;

/// <summary>
/// TikTok's FILE_UPLOAD chunk rule: a file no larger than one chunk goes whole (chunk_size = video_size, 1 chunk);
/// otherwise total_chunk_count = floor(video_size / chunk_size) and the last chunk takes the remainder.
/// </summary>
public sealed record TikTokChunks(long VideoSize, long ChunkSize, int Count)
{
    public static TikTokChunks For(long videoSize, long chunkSize) =>
        videoSize <= chunkSize ? new(videoSize, videoSize, 1) : new(videoSize, chunkSize, (int)(videoSize / chunkSize));

    /// <summary>First and last byte (inclusive) of chunk <paramref name="index"/>.</summary>
    public (long From, long To) Range(int index) => (index * ChunkSize, index == Count - 1 ? VideoSize - 1 : (index + 1) * ChunkSize - 1);
}
