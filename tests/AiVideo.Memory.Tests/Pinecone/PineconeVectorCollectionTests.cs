using System.Text.Json.Nodes;
using AiVideo.Memory.Pinecone;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.Tests.Pinecone;

public sealed class PineconeVectorCollectionTests : IDisposable
{
    private static readonly DateTimeOffset June = new(2025, 6, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakePinecone _pinecone = new();

    private PineconeVectorCollection<PineconeTestVideo> Collection(string name = "cats", IEmbeddingGenerator<string, Embedding<float>>? embedder = null) =>
        new(_pinecone.Client, name, embedder);

    private static PineconeTestVideo Video(string id, float[] vector, string channel = "cats", string platform = "tiktok", int day = 1) => new()
    {
        Id = id,
        Channel = channel,
        Platform = platform,
        PostedAt = June.AddDays(day - 1),
        Score = 0.5,
        Views = 100,
        Tags = ["pets"],
        Vector = vector,
    };

    [Fact]
    public async Task UpsertThenGet_RoundTripsEveryDataType()
    {
        var collection = Collection();
        var posted = new DateTimeOffset(2025, 6, 3, 14, 15, 16, 789, TimeSpan.FromHours(2));
        var video = new PineconeTestVideo
        {
            Id = "yt-123",
            Channel = "cats",
            Platform = "youtube_shorts",
            PostedAt = posted,
            Score = 0.8125,
            Views = 9_007_199_254,
            IsShort = true,
            Caption = "Cat meets cucumber",
            Tags = ["cats", "funny", "cucumber"],
            Vector = new float[] { 0.1f, -0.2f, 0.3f, 0.25f },
        };

        await collection.UpsertAsync(video);
        var read = await collection.GetAsync("yt-123", new RecordRetrievalOptions { IncludeVectors = true });

        Assert.NotNull(read);
        Assert.Equal("yt-123", read.Id);
        Assert.Equal("cats", read.Channel);
        Assert.Equal("youtube_shorts", read.Platform);
        Assert.Equal(posted, read.PostedAt);
        Assert.Equal(0.8125, read.Score);
        Assert.Equal(9_007_199_254, read.Views);
        Assert.True(read.IsShort);
        Assert.Equal("Cat meets cucumber", read.Caption);
        Assert.Equal(["cats", "funny", "cucumber"], read.Tags);
        Assert.Equal(video.Vector.ToArray(), read.Vector.ToArray());
        var metadata = _pinecone.MetadataOf("cats", "yt-123")!;
        Assert.Equal(posted.ToUnixTimeMilliseconds(), metadata["PostedAt"]!.GetValue<long>());
        Assert.IsType<JsonArray>(metadata["Tags"]);
    }

    [Fact]
    public async Task Upsert_NullValue_IsLeftOutOfMetadataAndReadsBackNull()
    {
        var collection = Collection();

        await collection.UpsertAsync(Video("a", [1, 0, 0, 0]));
        var read = await collection.GetAsync("a");

        Assert.False(_pinecone.MetadataOf("cats", "a")!.ContainsKey("Caption"));
        Assert.Null(read!.Caption);
        Assert.True(read.Vector.IsEmpty);
    }

    [Fact]
    public async Task Upsert_2500Records_SendsThreeRequestsOfAtMost1000()
    {
        var collection = Collection();
        var videos = Enumerable.Range(0, 2500).Select(i => Video($"v{i}", [i % 7, 1, i % 3, 0])).ToList();

        await collection.UpsertAsync(videos);

        var upserts = _pinecone.RequestsTo("/vectors/upsert");
        Assert.Equal(3, upserts.Count);
        Assert.All(upserts, r => Assert.InRange(JsonNode.Parse(r.Body)!["vectors"]!.AsArray().Count, 1, 1000));
        Assert.Equal(2500, _pinecone.Ids("cats").Count);
        Assert.True(await collection.CollectionExistsAsync());
    }

    [Fact]
    public async Task Upsert_BigMetadataBatch_IsSplitToStayUnder2MB()
    {
        var collection = Collection();
        var videos = Enumerable.Range(0, 100).Select(i =>
        {
            var video = Video($"big{i}", [1, i, 0, 0]);
            video.Tags = Enumerable.Range(0, 30).Select(t => $"{t}:" + new string((char)('a' + (t % 26)), 1000)).ToList();
            return video;
        }).ToList();

        await collection.UpsertAsync(videos);

        var upserts = _pinecone.RequestsTo("/vectors/upsert");
        Assert.True(upserts.Count >= 2, $"expected the ~3 MB batch to be split, got {upserts.Count} request(s)");
        Assert.All(upserts, r => Assert.InRange(System.Text.Encoding.UTF8.GetByteCount(r.Body), 1, 2_000_000));
        Assert.Equal(100, _pinecone.Ids("cats").Count);
        var read = await collection.GetAsync("big42");
        Assert.Equal(videos[42].Tags, read!.Tags);
    }

    [Fact]
    public async Task Search_ChannelDateAndPlatformFilter_SendsPineconeFilterJson()
    {
        var collection = Collection();
        var from = June;
        var to = June.AddDays(6);
        var platforms = new[] { "tiktok", "youtube_shorts" };

        await foreach (var _ in collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 5, new VectorSearchOptions<PineconeTestVideo>
        {
            Filter = r => r.Channel == "c" && r.PostedAt >= from && r.PostedAt <= to && platforms.Contains(r.Platform),
        }))
        {
        }

        var body = JsonNode.Parse(Assert.Single(_pinecone.RequestsTo("/query")).Body)!;
        Assert.Equal(
            $$$"""{"$and":[{"Channel":{"$eq":"c"}},{"PostedAt":{"$gte":{{{from.ToUnixTimeMilliseconds()}}}}},{"PostedAt":{"$lte":{{{to.ToUnixTimeMilliseconds()}}}}},{"Platform":{"$in":["tiktok","youtube_shorts"]}}]}""",
            body["filter"]!.ToJsonString());
        Assert.Equal("cats", body["namespace"]!.GetValue<string>());
        Assert.Equal(5, body["topK"]!.GetValue<int>());
        Assert.True(body["includeMetadata"]!.GetValue<bool>());
        Assert.False(body["includeValues"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Search_WithFilter_ReturnsOnlyMatchingTopKInScoreOrder()
    {
        var collection = Collection();
        await collection.UpsertAsync(
        [
            Video("best", [1, 0, 0, 0], day: 2),
            Video("good", [1, 0.5f, 0, 0], day: 3),
            Video("fair", [1, 1, 0, 0], day: 4, platform: "youtube_shorts"),
            Video("poor", [0, 1, 0, 0], day: 5),
            Video("other-channel", [1, 0, 0, 0], channel: "dogs"),
            Video("too-late", [1, 0, 0, 0], day: 20),
            Video("wrong-platform", [1, 0, 0, 0], platform: "instagram"),
        ]);
        var from = June;
        var to = June.AddDays(6);
        var platforms = new List<string> { "tiktok", "youtube_shorts" };

        var results = await collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 3, new VectorSearchOptions<PineconeTestVideo>
        {
            Filter = r => r.Channel == "cats" && r.PostedAt >= from && r.PostedAt <= to && platforms.Contains(r.Platform),
        }).ToListAsync();

        Assert.Equal(["best", "good", "fair"], results.Select(r => r.Record.Id));
        Assert.Equal(1.0, results[0].Score!.Value, 5);
        Assert.Equal(1 / Math.Sqrt(1.25), results[1].Score!.Value, 5);
        Assert.Equal(1 / Math.Sqrt(2), results[2].Score!.Value, 5);
        Assert.Equal("youtube_shorts", results[2].Record.Platform);
        Assert.All(results, r => Assert.True(r.Record.Vector.IsEmpty));
    }

    [Fact]
    public async Task Search_TagContains_MatchesListMetadata()
    {
        var collection = Collection();
        var tagged = Video("tagged", [1, 0, 0, 0]);
        tagged.Tags = ["cats", "viral"];
        await collection.UpsertAsync([tagged, Video("plain", [1, 0, 0, 0])]);

        var results = await collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 10, new VectorSearchOptions<PineconeTestVideo> { Filter = r => r.Tags.Contains("viral") }).ToListAsync();

        Assert.Equal("tagged", Assert.Single(results).Record.Id);
        var filter = JsonNode.Parse(Assert.Single(_pinecone.RequestsTo("/query")).Body)!["filter"]!.ToJsonString();
        Assert.Equal("""{"Tags":{"$in":["viral"]}}""", filter);
    }

    [Fact]
    public async Task Search_Skip_AsksForTopPlusSkipAndDropsTheFirst()
    {
        var collection = Collection();
        await collection.UpsertAsync([Video("1", [1, 0, 0, 0]), Video("2", [1, 0.3f, 0, 0]), Video("3", [1, 0.6f, 0, 0]), Video("4", [1, 1, 0, 0])]);

        var results = await collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 2, new VectorSearchOptions<PineconeTestVideo> { Skip = 1 }).ToListAsync();

        Assert.Equal(["2", "3"], results.Select(r => r.Record.Id));
        Assert.Equal(3, JsonNode.Parse(Assert.Single(_pinecone.RequestsTo("/query")).Body)!["topK"]!.GetValue<int>());
    }

    [Fact]
    public async Task Search_ScoreThreshold_DropsWeakerMatches()
    {
        var collection = Collection();
        await collection.UpsertAsync([Video("near", [1, 0.1f, 0, 0]), Video("far", [0, 1, 0, 0])]);

        var results = await collection.SearchAsync(new float[] { 1, 0, 0, 0 }, 5, new VectorSearchOptions<PineconeTestVideo> { ScoreThreshold = 0.5 }).ToListAsync();

        Assert.Equal("near", Assert.Single(results).Record.Id);
    }

    [Fact]
    public async Task Search_IncludeVectors_AsksForValuesAndFillsTheVector()
    {
        var collection = Collection();
        await collection.UpsertAsync(Video("a", [0.5f, 0.5f, 0, 0]));

        var result = Assert.Single(await collection.SearchAsync(new ReadOnlyMemory<float>([0.5f, 0.5f, 0, 0]), 1, new VectorSearchOptions<PineconeTestVideo> { IncludeVectors = true }).ToListAsync());

        Assert.Equal([0.5f, 0.5f, 0, 0], result.Record.Vector.ToArray());
        Assert.True(JsonNode.Parse(Assert.Single(_pinecone.RequestsTo("/query")).Body)!["includeValues"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Search_EmbeddingInput_UsesItsVector()
    {
        var collection = Collection();
        await collection.UpsertAsync([Video("x", [1, 0, 0, 0]), Video("y", [0, 1, 0, 0])]);

        var results = await collection.SearchAsync(new Embedding<float>(new float[] { 0, 1, 0, 0 }), 1).ToListAsync();

        Assert.Equal("y", Assert.Single(results).Record.Id);
    }

    [Fact]
    public async Task Search_TextWithEmbeddingGenerator_EmbedsTheQuery()
    {
        var embedder = new PineconeFakeEmbedder(new Dictionary<string, float[]> { ["cat videos"] = [0, 0, 1, 0] });
        var collection = Collection(embedder: embedder);
        await collection.UpsertAsync([Video("x", [1, 0, 0, 0]), Video("z", [0, 0, 1, 0.1f])]);

        var results = await collection.SearchAsync("cat videos", 1).ToListAsync();

        Assert.Equal("z", Assert.Single(results).Record.Id);
        Assert.Equal(["cat videos"], embedder.Asked);
    }

    [Fact]
    public async Task Search_TextWithoutEmbeddingGenerator_IsNotSupported()
    {
        var ex = await Assert.ThrowsAsync<NotSupportedException>(async () => await Collection().SearchAsync("cat videos", 1).ToListAsync());

        Assert.Contains("embedding generator", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_pinecone.Server.Requests);
    }

    [Fact]
    public async Task Search_WrongDimensions_ThrowsArgumentExceptionBeforeAnyRequest()
    {
        var ex = await Assert.ThrowsAsync<ArgumentException>(async () => await Collection().SearchAsync(new float[] { 1, 2, 3 }, 1).ToListAsync());

        Assert.Contains("3 dimensions", ex.Message, StringComparison.Ordinal);
        Assert.Contains("4", ex.Message, StringComparison.Ordinal);
        Assert.Empty(_pinecone.Server.Requests);
    }

    [Fact]
    public async Task Search_TopPlusSkipOver1000_IsRejected()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () =>
            await Collection().SearchAsync(new float[] { 1, 0, 0, 0 }, 1000, new VectorSearchOptions<PineconeTestVideo> { Skip = 1 }).ToListAsync());
    }

    [Fact]
    public async Task Upsert_WrongVectorLength_ThrowsBeforeAnyRequest()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => Collection().UpsertAsync(Video("a", [1, 2, 3])));

        Assert.Empty(_pinecone.Server.Requests);
    }

    [Fact]
    public void GetWithFilter_IsNotSupported()
    {
        var ex = Assert.Throws<NotSupportedException>(() => Collection().GetAsync(r => r.Channel == "cats", 10));

        Assert.Contains("SearchAsync", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetByKeys_ReturnsFoundRecordsInTheOrderAsked()
    {
        var collection = Collection();
        await collection.UpsertAsync([Video("a", [1, 0, 0, 0]), Video("b", [0, 1, 0, 0]), Video("c", [0, 0, 1, 0])]);

        var read = await collection.GetAsync(["c", "missing", "a"]).ToListAsync();

        Assert.Equal(["c", "a"], read.Select(r => r.Id));
        Assert.Equal("?ids=c&ids=missing&ids=a&namespace=cats", Assert.Single(_pinecone.RequestsTo("/vectors/fetch")).Query);
        Assert.Null(await collection.GetAsync("missing"));
    }

    [Fact]
    public async Task Delete_ByIds_RemovesOnlyThose()
    {
        var collection = Collection();
        await collection.UpsertAsync([Video("a", [1, 0, 0, 0]), Video("b", [0, 1, 0, 0]), Video("c", [0, 0, 1, 0])]);

        await collection.DeleteAsync(["a", "c"]);
        await collection.DeleteAsync("not-there");

        Assert.Equal(["b"], _pinecone.Ids("cats"));
        Assert.Equal("""{"ids":["a","c"],"namespace":"cats"}""", _pinecone.RequestsTo("/vectors/delete")[0].Body);
    }

    [Fact]
    public async Task EnsureCollectionDeleted_DeletesAllInTheNamespaceOnly()
    {
        var cats = Collection("cats");
        var dogs = Collection("dogs");
        await cats.UpsertAsync(Video("a", [1, 0, 0, 0]));
        await dogs.UpsertAsync(Video("a", [0, 1, 0, 0], channel: "dogs"));

        await cats.EnsureCollectionDeletedAsync();
        await cats.EnsureCollectionDeletedAsync();

        Assert.Equal("""{"deleteAll":true,"namespace":"cats"}""", _pinecone.RequestsTo("/vectors/delete")[0].Body);
        Assert.False(await cats.CollectionExistsAsync());
        Assert.True(await dogs.CollectionExistsAsync());
        Assert.Equal("dogs", (await dogs.GetAsync("a"))!.Channel);
    }

    [Fact]
    public async Task Collections_SameIdsInTwoNamespaces_StaySeparate()
    {
        var cats = Collection("cats");
        var dogs = Collection("dogs");

        await cats.UpsertAsync(Video("same", [1, 0, 0, 0], channel: "cats"));
        await dogs.UpsertAsync(Video("same", [1, 0, 0, 0], channel: "dogs"));
        var fromCats = Assert.Single(await cats.SearchAsync(new float[] { 1, 0, 0, 0 }, 5).ToListAsync());
        var fromDogs = await dogs.GetAsync("same");

        Assert.Equal("cats", fromCats.Record.Channel);
        Assert.Equal("dogs", fromDogs!.Channel);
        Assert.Equal(["cats", "dogs"], _pinecone.RequestsTo("/vectors/upsert").Select(r => JsonNode.Parse(r.Body)!["namespace"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CollectionExists_FollowsTheNamespaceInIndexStats()
    {
        var collection = Collection("fresh");
        await collection.EnsureCollectionExistsAsync();

        Assert.False(await collection.CollectionExistsAsync());
        await collection.UpsertAsync(Video("a", [1, 0, 0, 0]));
        Assert.True(await collection.CollectionExistsAsync());
        Assert.Empty(_pinecone.RequestsTo("/vectors/upsert").Skip(1));
    }

    [Fact]
    public void GetService_CollectionMetadata_NamesPineconeAndTheNamespace()
    {
        var metadata = Assert.IsType<VectorStoreCollectionMetadata>(Collection("cats").GetService(typeof(VectorStoreCollectionMetadata)));

        Assert.Equal("pinecone", metadata.VectorStoreSystemName);
        Assert.Equal("cats", metadata.CollectionName);
        Assert.Equal("127.0.0.1", metadata.VectorStoreName);
        Assert.Same(_pinecone.Client, Collection().GetService(typeof(PineconeClient)));
        Assert.Null(Collection().GetService(typeof(VectorStoreCollectionMetadata), "key"));
    }

    public void Dispose() => _pinecone.Dispose();
}
