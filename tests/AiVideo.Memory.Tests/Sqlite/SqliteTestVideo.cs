using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.Tests.Sqlite;

public sealed class SqliteTestVideo
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
    public bool Featured { get; set; }

    [VectorStoreData]
    public List<string> Tags { get; set; } = [];

    [VectorStoreVector(8)]
    public ReadOnlyMemory<float> Vector { get; set; }
}
