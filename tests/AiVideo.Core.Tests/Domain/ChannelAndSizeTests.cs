using AiVideo.Core.Channels;
using AiVideo.Core.Domain;

namespace AiVideo.Core.Tests.Domain;

public class VideoSizeTests
{
    [Fact]
    public void Parse_Valid_ReturnsSize() => Assert.Equal(new VideoSize(720, 1280), VideoSize.Parse("720x1280"));

    [Theory]
    [InlineData("720by1280", "WIDTHxHEIGHT")]
    [InlineData("7x1280", "out of range")]
    [InlineData("99999x1920", "out of range")]
    [InlineData("721x1280", "even")]
    public void Parse_Invalid_ThrowsOneLineReason(string text, string expected) =>
        Assert.Contains(expected, Assert.Throws<ArgumentException>(() => VideoSize.Parse(text)).Message);

    [Theory]
    [InlineData(1080, 1920, 540, 960)]
    [InlineData(720, 1280, 540, 960)]
    [InlineData(360, 640, 360, 640)]
    [InlineData(1920, 1080, 960, 540)]
    public void ShotSize_HalvesLargeOutputsButKeepsSmallOnes(int w, int h, int expectedW, int expectedH) =>
        Assert.Equal(new VideoSize(expectedW, expectedH), new VideoSize(w, h).ShotSize());
}

public class ChannelProfileLoaderTests
{
    private const string Valid = """
        { "id": "space", "name": "Orbit", "niche": "space", "platforms": ["tiktok"], "brandWords": ["NASA"] }
        """;

    [Fact]
    public void Parse_Valid_AppliesDefaults()
    {
        var channel = new ChannelProfileLoader().Parse(Valid);
        Assert.Equal("en-us", channel.Voice.Id);
        Assert.Equal(0.55, channel.Render.DriftThreshold);
        Assert.Equal(["NASA"], channel.BrandWords);
    }

    [Fact]
    public void Parse_UnknownPlatform_ListsKnownOnes()
    {
        var ex = Assert.Throws<InvalidInputException>(() => new ChannelProfileLoader().Parse(Valid.Replace("tiktok", "myspace")));
        Assert.Contains("unknown platform 'myspace'", ex.Message);
        Assert.Contains("youtube_shorts", ex.Message);
    }

    [Fact]
    public void Parse_MalformedJson_IsOneClearError()
    {
        var ex = Assert.Throws<InvalidInputException>(() => new ChannelProfileLoader().Parse("{ \"id\": ", "c.json"));
        Assert.StartsWith("c.json is not a valid channel profile", ex.Message);
    }

    [Fact]
    public void Parse_MissingRequiredName_IsRejected() =>
        Assert.Throws<InvalidInputException>(() => new ChannelProfileLoader().Parse("""{ "id": "x", "niche": "y" }"""));

    [Theory]
    [InlineData("""{ "maxCostUsdPerVideo": -1 }""", "budget.maxCostUsdPerVideo -1 must not be negative")]
    [InlineData("""{ "maxCostUsdPerVideo": 1, "maxCostUsdPerDay": -0.5 }""", "budget.maxCostUsdPerDay -0.5 must not be negative")]
    [InlineData("""{ "maxCostUsdPerVideo": 1, "maxCostUsdPerMonth": -2 }""", "budget.maxCostUsdPerMonth -2 must not be negative")]
    public void Parse_NegativeBudgetCap_IsRejectedNamingTheCap(string budget, string expected)
    {
        var ex = Assert.Throws<InvalidInputException>(() => new ChannelProfileLoader().Parse(Valid.Replace("\"platforms\"", $"\"budget\": {budget}, \"platforms\"")));
        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void Parse_ZeroAndMissingCaps_AreValid_ZeroMeansNothingMayBeSpent_MissingMeansNoCap()
    {
        var channel = new ChannelProfileLoader().Parse(Valid.Replace("\"platforms\"", "\"budget\": { \"maxCostUsdPerVideo\": 0, \"maxCostUsdPerMonth\": 25.5 }, \"platforms\""));
        Assert.Equal((0m, null, 25.5m), (channel.Budget.MaxCostUsdPerVideo, channel.Budget.MaxCostUsdPerDay, channel.Budget.MaxCostUsdPerMonth));
    }

    [Fact]
    public void Load_MissingFile_SaysWhichFile()
    {
        var ex = Assert.Throws<InvalidInputException>(() => new ChannelProfileLoader().Load("/nonexistent/c.json"));
        Assert.Contains("/nonexistent/c.json", ex.Message);
    }
}
