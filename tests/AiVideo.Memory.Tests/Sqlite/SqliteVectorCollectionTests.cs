using System.Numerics.Tensors;
using AiVideo.Memory.Sqlite;
using AiVideo.Testing;
using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.Tests.Sqlite;

public sealed class SqliteVectorCollectionTests : IDisposable
{
    private static readonly string[] Channels = ["space", "pasta", "history"];
    private static readonly string[] Platforms = ["tiktok", "youtube_shorts", "instagram_reels"];
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory _dir = new();
    private readonly SqliteVectorStore _store;

    public SqliteVectorCollectionTests() => _store = new SqliteVectorStore(Path.Combine(_dir.Path, "aivideo.db"));

    public void Dispose()
    {
        _store.Dispose();
        _dir.Dispose();
    }

    [Fact]
    public async Task SearchAsync_RandomData_TopKEqualsBruteForce()
    {
        var collection = await FilledAsync(500, seed: 1);
        var records = Records(500, seed: 1);
        var random = new Random(99);
        for (var q = 0; q < 20; q++)
        {
            var query = RandomVector(random);
            var expected = records
                .Select(r => (r.Id, Score: (double)TensorPrimitives.CosineSimilarity(query, r.Vector.Span)))
                .OrderByDescending(x => x.Score).Take(10).ToList();
            var actual = await collection.SearchAsync(new ReadOnlyMemory<float>(query), 10).ToListAsync();

            Assert.Equal(expected.Select(e => e.Id), actual.Select(a => a.Record.Id));
            for (var i = 0; i < expected.Count; i++) Assert.Equal(expected[i].Score, actual[i].Score!.Value, 4);
        }
    }

    [Fact]
    public async Task SearchAsync_WithChannelPlatformAndDateFilters_ReturnsOnlyMatchingRecordsInBruteForceOrder()
    {
        var collection = await FilledAsync(600, seed: 2);
        var records = Records(600, seed: 2);
        var query = RandomVector(new Random(5));
        var from = Start.AddDays(20);
        var to = Start.AddDays(40);
        string[] platforms = ["tiktok", "instagram_reels"];

        var actual = await collection.SearchAsync(new ReadOnlyMemory<float>(query), 15, new VectorSearchOptions<SqliteTestVideo>
        {
            Filter = r => r.Channel == "space" && r.PostedAt >= from && r.PostedAt <= to && platforms.Contains(r.Platform),
        }).ToListAsync();

        var expected = records
            .Where(r => r.Channel == "space" && r.PostedAt >= from && r.PostedAt <= to && platforms.Contains(r.Platform))
            .OrderByDescending(r => TensorPrimitives.CosineSimilarity(query, r.Vector.Span)).Take(15).Select(r => r.Id).ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual.Select(a => a.Record.Id));
    }

    [Fact]
    public async Task SearchAsync_FiltersOnUnindexedDataAndListContains_AreApplied()
    {
        var collection = await FilledAsync(300, seed: 3);
        var records = Records(300, seed: 3);
        var query = RandomVector(new Random(8));

        var actual = await collection.SearchAsync(new ReadOnlyMemory<float>(query), 300, new VectorSearchOptions<SqliteTestVideo>
        {
            Filter = r => (r.Featured || r.Score > 0.9) && r.Tags.Contains("tag2"),
        }).ToListAsync();

        var expected = records.Where(r => (r.Featured || r.Score > 0.9) && r.Tags.Contains("tag2")).Select(r => r.Id).Order().ToList();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual.Select(a => a.Record.Id).Order());
    }

    [Fact]
    public async Task UpsertAsync_SameKeyTwice_OverwritesDataAndVectorAndSearchSeesTheNewVector()
    {
        var collection = await FilledAsync(50, seed: 4);
        var before = await collection.GetAsync("v0007", new RecordRetrievalOptions { IncludeVectors = true });
        Assert.NotNull(before);
        var newVector = Enumerable.Range(0, 8).Select(i => i == 3 ? 1f : 0f).ToArray();

        await collection.UpsertAsync(new SqliteTestVideo { Id = "v0007", Channel = "pasta", Platform = "tiktok", PostedAt = Start, Score = 0.123, Tags = ["new"], Vector = newVector });

        var after = await collection.GetAsync("v0007", new RecordRetrievalOptions { IncludeVectors = true });
        Assert.Equal("pasta", after!.Channel);
        Assert.Equal(0.123, after.Score);
        Assert.Equal(["new"], after.Tags);
        Assert.Equal(newVector, after.Vector.ToArray());
        var top = await collection.SearchAsync(new ReadOnlyMemory<float>(newVector), 1).SingleAsync();
        Assert.Equal("v0007", top.Record.Id);
        Assert.Equal(1.0, top.Score!.Value, 5);
        Assert.Equal(50, await collection.GetAsync(r => r.Score >= 0, 1000).CountAsync());
    }

    [Fact]
    public async Task DeleteAsync_Keys_RemovesThemFromGetAndSearch()
    {
        var collection = await FilledAsync(40, seed: 5);
        var victim = await collection.GetAsync("v0003", new RecordRetrievalOptions { IncludeVectors = true });

        await collection.DeleteAsync(["v0003", "v0004", "missing"]);

        Assert.Null(await collection.GetAsync("v0003"));
        Assert.Null(await collection.GetAsync("v0004"));
        var hits = await collection.SearchAsync(victim!.Vector, 40).ToListAsync();
        Assert.Equal(38, hits.Count);
        Assert.DoesNotContain(hits, h => h.Record.Id is "v0003" or "v0004");
    }

    [Fact]
    public async Task GetAsync_FilterWithOrderBy_ReturnsMatchingRecordsSortedAndRoundTripsEveryType()
    {
        var collection = await FilledAsync(100, seed: 6);
        var records = Records(100, seed: 6);

        var got = await collection.GetAsync(r => r.Channel == "history", 5, new FilteredRecordRetrievalOptions<SqliteTestVideo>
        {
            OrderBy = o => o.Descending(r => r.PostedAt),
        }).ToListAsync();

        var expected = records.Where(r => r.Channel == "history").OrderByDescending(r => r.PostedAt).Take(5).ToList();
        Assert.Equal(expected.Select(e => e.Id), got.Select(g => g.Id));
        var first = expected[0];
        Assert.Equal(first.PostedAt, got[0].PostedAt);
        Assert.Equal(first.Score, got[0].Score);
        Assert.Equal(first.Featured, got[0].Featured);
        Assert.Equal(first.Tags, got[0].Tags);
        Assert.True(got[0].Vector.IsEmpty);
    }

    [Fact]
    public async Task SearchAsync_AfterAnotherStoreInstanceWrites_SeesTheNewRecord()
    {
        var collection = await FilledAsync(20, seed: 7);
        await collection.SearchAsync(new ReadOnlyMemory<float>(RandomVector(new Random(1))), 1).ToListAsync();
        using var otherStore = new SqliteVectorStore(_store.DatabasePath);
        var other = otherStore.GetCollection<string, SqliteTestVideo>("videos");
        var unique = Enumerable.Range(0, 8).Select(i => i == 0 ? -1f : 0f).ToArray();

        await other.UpsertAsync(new SqliteTestVideo { Id = "fresh", Channel = "space", Platform = "tiktok", PostedAt = Start, Vector = unique });

        var top = await collection.SearchAsync(new ReadOnlyMemory<float>(unique), 1).SingleAsync();
        Assert.Equal("fresh", top.Record.Id);
    }

    [Fact]
    public async Task Collections_AreSeparateAndListed_AndDeletionDropsOne()
    {
        await FilledAsync(5, seed: 8);
        var other = _store.GetCollection<string, SqliteTestVideo>("other channel");
        await other.EnsureCollectionExistsAsync();

        Assert.Equal(["other channel", "videos"], await _store.ListCollectionNamesAsync().ToListAsync());
        Assert.Empty(await other.SearchAsync(new ReadOnlyMemory<float>(RandomVector(new Random(2))), 3).ToListAsync());

        await _store.EnsureCollectionDeletedAsync("videos");
        Assert.False(await _store.CollectionExistsAsync("videos"));
        Assert.True(await other.CollectionExistsAsync());
    }

    [Fact]
    public async Task SearchAsync_WrongDimensionsOrUnsupportedFilter_FailsWithAClearMessage()
    {
        var collection = await FilledAsync(5, seed: 9);

        var dims = await Assert.ThrowsAsync<ArgumentException>(() => collection.SearchAsync(new ReadOnlyMemory<float>(new float[3]), 1).ToListAsync().AsTask());
        Assert.Contains("3 dimensions", dims.Message);
        var filter = await Assert.ThrowsAsync<NotSupportedException>(() => collection.SearchAsync(new ReadOnlyMemory<float>(new float[8]), 1,
            new VectorSearchOptions<SqliteTestVideo> { Filter = r => r.Channel.StartsWith("sp") }).ToListAsync().AsTask());
        Assert.Contains("not supported", filter.Message);
    }

    [Fact]
    public async Task UpsertAsync_BeforeTheCollectionExists_SaysToCreateItFirst()
    {
        var collection = _store.GetCollection<string, SqliteTestVideo>("nope");

        var ex = await Assert.ThrowsAsync<VectorStoreException>(() => collection.UpsertAsync(Records(1, 1)[0]));

        Assert.Contains("EnsureCollectionExistsAsync", ex.Message);
    }

    private async Task<VectorStoreCollection<string, SqliteTestVideo>> FilledAsync(int count, int seed)
    {
        var collection = _store.GetCollection<string, SqliteTestVideo>("videos");
        await collection.EnsureCollectionExistsAsync();
        await collection.UpsertAsync(Records(count, seed));
        return collection;
    }

    internal static List<SqliteTestVideo> Records(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => new SqliteTestVideo
        {
            Id = $"v{i:0000}",
            Channel = Channels[random.Next(Channels.Length)],
            Platform = Platforms[random.Next(Platforms.Length)],
            PostedAt = Start.AddDays(random.Next(0, 60)).AddMinutes(random.Next(0, 1440)),
            Score = random.NextDouble(),
            Featured = random.Next(4) == 0,
            Tags = Enumerable.Range(0, random.Next(0, 3)).Select(_ => "tag" + random.Next(4)).Distinct().ToList(),
            Vector = RandomVector(random),
        }).ToList();
    }

    private static float[] RandomVector(Random random) => Enumerable.Range(0, 8).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
}
