using AiVideo.Memory.Pinecone;
using AiVideo.Memory.VectorData;

namespace AiVideo.Memory.Tests.Pinecone;

public sealed class PineconeFilterJsonTests
{
    [Theory]
    [InlineData(ComparisonOperator.Equal, "$eq")]
    [InlineData(ComparisonOperator.NotEqual, "$ne")]
    [InlineData(ComparisonOperator.GreaterThan, "$gt")]
    [InlineData(ComparisonOperator.GreaterThanOrEqual, "$gte")]
    [InlineData(ComparisonOperator.LessThan, "$lt")]
    [InlineData(ComparisonOperator.LessThanOrEqual, "$lte")]
    public void Render_Comparison_UsesPineconeOperator(ComparisonOperator op, string expected)
    {
        var json = PineconeFilterJson.Render(new ComparisonFilter("views", op, 1500L)).ToJsonString();

        Assert.Equal($$$"""{"views":{"{{{expected}}}":1500}}""", json);
    }

    [Fact]
    public void Render_StringAndBooleanEquality_KeepTheirJsonTypes()
    {
        Assert.Equal("""{"channel":{"$eq":"cats"}}""", PineconeFilterJson.Render(new ComparisonFilter("channel", ComparisonOperator.Equal, "cats")).ToJsonString());
        Assert.Equal("""{"isShort":{"$ne":true}}""", PineconeFilterJson.Render(new ComparisonFilter("isShort", ComparisonOperator.NotEqual, true)).ToJsonString());
        Assert.Equal("""{"score":{"$gt":0.5}}""", PineconeFilterJson.Render(new ComparisonFilter("score", ComparisonOperator.GreaterThan, 0.5)).ToJsonString());
    }

    [Fact]
    public void Render_In_ListsTheValues()
    {
        var json = PineconeFilterJson.Render(new InFilter("platform", ["tiktok", "youtube_shorts"])).ToJsonString();

        Assert.Equal("""{"platform":{"$in":["tiktok","youtube_shorts"]}}""", json);
    }

    [Fact]
    public void Render_ListContains_UsesInWithTheOneValue()
    {
        var json = PineconeFilterJson.Render(new ListContainsFilter("tags", "cats")).ToJsonString();

        Assert.Equal("""{"tags":{"$in":["cats"]}}""", json);
    }

    [Fact]
    public void Render_NestedAnds_AreFlattenedInOrder()
    {
        var filter = new AndFilter(
            new AndFilter(new ComparisonFilter("a", ComparisonOperator.Equal, "1"), new ComparisonFilter("b", ComparisonOperator.Equal, "2")),
            new AndFilter(new ComparisonFilter("c", ComparisonOperator.Equal, "3"), new ComparisonFilter("d", ComparisonOperator.Equal, "4")));

        var json = PineconeFilterJson.Render(filter).ToJsonString();

        Assert.Equal("""{"$and":[{"a":{"$eq":"1"}},{"b":{"$eq":"2"}},{"c":{"$eq":"3"}},{"d":{"$eq":"4"}}]}""", json);
    }

    [Fact]
    public void Render_OrInsideAnd_KeepsTheOrAsOneClause()
    {
        var filter = new AndFilter(
            new ComparisonFilter("channel", ComparisonOperator.Equal, "cats"),
            new OrFilter(new OrFilter(new ComparisonFilter("platform", ComparisonOperator.Equal, "tiktok"), new ComparisonFilter("views", ComparisonOperator.GreaterThanOrEqual, 10L)), new ListContainsFilter("tags", "viral")));

        var json = PineconeFilterJson.Render(filter).ToJsonString();

        Assert.Equal("""{"$and":[{"channel":{"$eq":"cats"}},{"$or":[{"platform":{"$eq":"tiktok"}},{"views":{"$gte":10}},{"tags":{"$in":["viral"]}}]}]}""", json);
    }

    [Fact]
    public void Render_RangeOverString_IsNotSupported()
    {
        var ex = Assert.Throws<NotSupportedException>(() => PineconeFilterJson.Render(new ComparisonFilter("channel", ComparisonOperator.GreaterThan, "m")));

        Assert.Contains("channel", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_NullValue_IsNotSupported()
    {
        var ex = Assert.Throws<NotSupportedException>(() => PineconeFilterJson.Render(new ComparisonFilter("caption", ComparisonOperator.Equal, null)));

        Assert.Contains("null", ex.Message, StringComparison.Ordinal);
    }
}
