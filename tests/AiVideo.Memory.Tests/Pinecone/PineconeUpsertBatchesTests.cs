using System.Text.Json.Nodes;
using AiVideo.Memory.Pinecone;

namespace AiVideo.Memory.Tests.Pinecone;

public sealed class PineconeUpsertBatchesTests
{
    private static PineconeVector Vector(int i, int metadataChars = 0) =>
        new($"v{i}", new float[] { i, 1, 0, 0 }, metadataChars == 0 ? null : new JsonObject { ["text"] = new string('x', metadataChars) });

    [Fact]
    public void Create_2500Vectors_MakesThreeBodiesOfAtMost1000()
    {
        var bodies = PineconeUpsertBatches.Create("cats", Enumerable.Range(0, 2500).Select(i => Vector(i)));

        Assert.Equal([1000, 1000, 500], bodies.Select(b => b.Count));
        var parsed = bodies.Select(b => JsonNode.Parse(b.Json)!.AsObject()).ToList();
        Assert.All(parsed, body => Assert.Equal("cats", body["namespace"]!.GetValue<string>()));
        Assert.Equal(Enumerable.Range(0, 2500).Select(i => $"v{i}"), parsed.SelectMany(b => b["vectors"]!.AsArray().Select(v => v!["id"]!.GetValue<string>())));
    }

    [Fact]
    public void Create_ByteLimit_FillsEachBodyUpToTheLimitExactly()
    {
        var one = PineconeUpsertBatches.Create("ns", [Vector(0, 100)]).Single().Json.Length;
        var two = PineconeUpsertBatches.Create("ns", [Vector(0, 100), Vector(1, 100)]).Single().Json.Length;
        var item = two - one - 1;
        var envelope = one - item;
        var roomForThree = envelope + (3 * item) + 2;

        var bodies = PineconeUpsertBatches.Create("ns", Enumerable.Range(0, 7).Select(i => Vector(i, 100)), maxBytes: roomForThree);

        Assert.Equal([3, 3, 1], bodies.Select(b => b.Count));
        Assert.Equal(roomForThree, bodies[0].Json.Length);
        Assert.All(bodies, b => Assert.NotNull(JsonNode.Parse(b.Json)));
    }

    [Fact]
    public void Create_BigMetadata_StaysUnder2MBPerBody()
    {
        var bodies = PineconeUpsertBatches.Create("cats", Enumerable.Range(0, 150).Select(i => Vector(i, 30_000)));

        Assert.True(bodies.Count >= 3);
        Assert.All(bodies, b => Assert.InRange(b.Json.Length, 1, PineconeUpsertBatches.MaxBytes));
        Assert.All(bodies, b => Assert.Equal(b.Count, JsonNode.Parse(b.Json)!["vectors"]!.AsArray().Count));
        Assert.Equal(150, bodies.Sum(b => b.Count));
        Assert.All(bodies.SkipLast(1), b => Assert.True(b.Json.Length > PineconeUpsertBatches.MaxBytes - 31_000, "a body was split before it was full"));
    }

    [Fact]
    public void Create_OneRecordOverTheLimit_ThrowsNamingIt()
    {
        var ex = Assert.Throws<ArgumentException>(() => PineconeUpsertBatches.Create("cats", [Vector(1), Vector(2, 5000)], maxBytes: 1000).ToList());

        Assert.Contains("'v2'", ex.Message, StringComparison.Ordinal);
    }
}
