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

public class ChannelMusicTests : IDisposable
{
    private readonly AiVideo.Testing.TempDirectory _dir = new("aivideo-channel-music");

    private string Channel(string music)
    {
        var path = _dir.Combine("channel.json");
        File.WriteAllText(path, $$"""{ "id": "c", "name": "C", "niche": "n", "music": {{music}} }""");
        return path;
    }

    [Fact]
    public void Load_MusicPathRelativeToTheChannelFile_ResolvedThere()
    {
        Directory.CreateDirectory(_dir.Combine("tracks"));
        File.WriteAllBytes(_dir.Combine("tracks", "a.m4a"), [0]);
        var channel = new ChannelProfileLoader().Load(Channel("""{ "path": "tracks" }"""));
        Assert.Equal(_dir.Combine("tracks"), channel.Music!.Path);
        Assert.Equal((-18.0, 12.0), (channel.Music.VolumeDb, channel.Music.DuckDb));
    }

    [Fact]
    public void Load_MusicPathMissing_NamesIt()
    {
        var ex = Assert.Throws<InvalidInputException>(() => new ChannelProfileLoader().Load(Channel("""{ "path": "nowhere" }""")));
        Assert.Contains($"music.path '{_dir.Combine("nowhere")}' does not exist", ex.Message);
    }

    [Fact]
    public void Load_MusicFolderWithoutAudio_SaysSo()
    {
        Directory.CreateDirectory(_dir.Combine("empty"));
        File.WriteAllText(_dir.Combine("empty", "notes.txt"), "x");
        var ex = Assert.Throws<InvalidInputException>(() => new ChannelProfileLoader().Load(Channel("""{ "path": "empty" }""")));
        Assert.Contains("has no audio files (.mp3, .m4a", ex.Message);
    }

    [Fact]
    public void Load_MusicLevelsOutOfRange_Refused()
    {
        File.WriteAllBytes(_dir.Combine("one.mp3"), [0]);
        var ex = Assert.Throws<InvalidInputException>(() => new ChannelProfileLoader().Load(Channel("""{ "path": "one.mp3", "volumeDb": -3, "duckDb": 50 }""")));
        Assert.Contains("music.volumeDb -3 must be -40..-10", ex.Message);
        Assert.Contains("music.duckDb 50 must be 0..40", ex.Message);
    }

    [Fact]
    public void MusicTracksPick_SameRun_SameTrack_RunsSpreadOverTheFolder()
    {
        foreach (var name in new[] { "c.ogg", "a.mp3", "b.m4a", "readme.txt" }) File.WriteAllBytes(_dir.Combine(name), [0]);
        var tracks = MusicTracks.List(_dir.Path);

        Assert.Equal(["a.mp3", "b.m4a", "c.ogg"], tracks.Select(Path.GetFileName));
        Assert.Equal(MusicTracks.Pick(tracks, "20261203-120000-abc123"), MusicTracks.Pick(tracks.ToList(), "20261203-120000-abc123"));
        var picks = Enumerable.Range(0, 30).Select(i => MusicTracks.Pick(tracks, $"run-{i}")).Distinct().Count();
        Assert.Equal(3, picks);
        // Stable across processes and machines: XxHash64 of the run id, not string.GetHashCode.
        Assert.Equal("b.m4a", Path.GetFileName(MusicTracks.Pick(tracks, "20261203-120000-abc123")));
    }

    public void Dispose() => _dir.Dispose();
}
