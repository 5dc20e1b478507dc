using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.Performance;

/// <summary>A published video as indexed in the vector memory (one collection per channel). Dimensions come from the embedder.</summary>
public sealed class PerformanceVectorRecord
{
    public const int DefaultDimensions = 384;

    [VectorStoreKey]
    public string Key { get; set; } = "";

    [VectorStoreData(IsIndexed = true)]
    public string ChannelId { get; set; } = "";

    [VectorStoreData(IsIndexed = true)]
    public string Platform { get; set; } = "";

    [VectorStoreData(IsIndexed = true)]
    public DateTimeOffset PostedAt { get; set; }

    [VectorStoreData(IsIndexed = true)]
    public string HookStyle { get; set; } = "";

    [VectorStoreData]
    public string Topic { get; set; } = "";

    [VectorStoreData]
    public string Hook { get; set; } = "";

    /// <summary><see cref="PerformanceScore"/> of the newest metrics; -1 when none were recorded yet.</summary>
    [VectorStoreData]
    public double Score { get; set; }

    [VectorStoreVector(DefaultDimensions)]
    public ReadOnlyMemory<float> Vector { get; set; }
}
