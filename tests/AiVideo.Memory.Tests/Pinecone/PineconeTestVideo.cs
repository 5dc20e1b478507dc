using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.Tests.Pinecone;

/// <summary>A published video as the Pinecone tests store it: every kind of data the model supports, and a 4-dimension vector.</summary>
public sealed class PineconeTestVideo
{
    [VectorStoreKey]
    public string Id { get; set; } = "";

    [VectorStoreData(IsIndexed = true)]
    public string Channel { get; set; } = "";

    [VectorStoreData(IsIndexed = true)]
    public string Platform { get; set; } = "";

    [VectorStoreData(IsIndexed = true)]
    public DateTimeOffset PostedAt { get; set; }

    [VectorStoreData]
    public double Score { get; set; }

    [VectorStoreData]
    public long Views { get; set; }

    [VectorStoreData]
    public bool IsShort { get; set; }

    [VectorStoreData]
    public string? Caption { get; set; }

    [VectorStoreData]
    public List<string> Tags { get; set; } = [];

    [VectorStoreVector(4)]
    public ReadOnlyMemory<float> Vector { get; set; }
}
