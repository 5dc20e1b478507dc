using AiVideo.Memory.Pinecone;
using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.Tests.Pinecone;

public sealed class PineconeVectorStoreTests : IDisposable
{
    private readonly FakePinecone _pinecone = new();

    private PineconeVectorStore Store() => new(_pinecone.Client);

    private static PineconeTestVideo Video(string id) => new() { Id = id, Channel = "c", Vector = new float[] { 1, 0, 0, 0 } };

    [Fact]
    public async Task GetCollection_StringKeys_IsANamespaceOfTheIndex()
    {
        var store = Store();
        var collection = store.GetCollection<string, PineconeTestVideo>("channel-7");

        await collection.UpsertAsync(Video("a"));

        Assert.IsType<PineconeVectorCollection<PineconeTestVideo>>(collection);
        Assert.Equal("channel-7", collection.Name);
        Assert.Equal(["a"], _pinecone.Ids("channel-7"));
    }

    [Fact]
    public void GetCollection_NonStringKey_IsNotSupported()
    {
        var ex = Assert.Throws<NotSupportedException>(() => Store().GetCollection<Guid, PineconeTestVideo>("c"));

        Assert.Contains("string", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetDynamicCollection_IsNotSupported()
    {
        Assert.Throws<NotSupportedException>(() => Store().GetDynamicCollection("c", new VectorStoreCollectionDefinition()));
    }

    [Fact]
    public async Task ListCollectionNames_ReturnsTheNamespacesWithRecords()
    {
        var store = Store();
        await store.GetCollection<string, PineconeTestVideo>("dogs").UpsertAsync(Video("a"));
        await store.GetCollection<string, PineconeTestVideo>("cats").UpsertAsync(Video("a"));

        var names = await store.ListCollectionNamesAsync().ToListAsync();

        Assert.Equal(["cats", "dogs"], names);
        Assert.True(await store.CollectionExistsAsync("cats"));
        Assert.False(await store.CollectionExistsAsync("birds"));
    }

    [Fact]
    public async Task EnsureCollectionDeleted_RemovesTheNamespaceAndToleratesAMissingOne()
    {
        var store = Store();
        await store.GetCollection<string, PineconeTestVideo>("cats").UpsertAsync(Video("a"));

        await store.EnsureCollectionDeletedAsync("cats");
        await store.EnsureCollectionDeletedAsync("never-existed");

        Assert.Empty(await store.ListCollectionNamesAsync().ToListAsync());
    }

    [Fact]
    public void GetService_StoreMetadata_NamesPinecone()
    {
        var metadata = Assert.IsType<VectorStoreMetadata>(Store().GetService(typeof(VectorStoreMetadata)));

        Assert.Equal("pinecone", metadata.VectorStoreSystemName);
        Assert.Equal("127.0.0.1", metadata.VectorStoreName);
    }

    public void Dispose() => _pinecone.Dispose();
}
