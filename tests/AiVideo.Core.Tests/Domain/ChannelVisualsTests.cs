using AiVideo.Core;
using AiVideo.Core.Channels;
using AiVideo.Core.Domain;
using AiVideo.Testing;

namespace AiVideo.Core.Tests.Domain;

public sealed class ChannelVisualsTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-channel-visuals");

    private string WriteChannel(string visuals)
    {
        var path = _dir.Combine("channels", "c.json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, $$"""{ "id": "c", "name": "C", "niche": "space", "visuals": {{visuals}} }""");
        return path;
    }

    [Fact]
    public void Load_NoVisuals_IsProceduralOnly()
    {
        var path = _dir.Combine("plain.json");
        File.WriteAllText(path, """{ "id": "c", "name": "C", "niche": "space" }""");

        Assert.Equal([VisualSources.Procedural], new ChannelProfileLoader().Load(path).Visuals.Sources);
    }

    [Fact]
    public void Load_CloudSources_AreAcceptedInTheirOrder_AndClassifiedGeneratedOrFound()
    {
        var channel = new ChannelProfileLoader().Load(WriteChannel("""{ "sources": ["veo", "runway", "kling", "pixabay", "pexels", "procedural"] }"""));

        Assert.Equal(["veo", "runway", "kling", "pixabay", "pexels", "procedural"], channel.Visuals.Sources);
        Assert.Equal([true, true, true, false, false, true], channel.Visuals.Sources.Select(VisualSources.IsGenerated));
        Assert.Equal([false, false, false, true, true, false], channel.Visuals.Sources.Select(VisualSources.IsFound));
        Assert.True(VisualSources.IsFound(VisualSources.Library));
    }

    [Fact]
    public void Load_RelativeLibraryPath_IsResolvedAgainstTheChannelFile()
    {
        Directory.CreateDirectory(_dir.Combine("clips"));

        var channel = new ChannelProfileLoader().Load(WriteChannel("""{ "sources": ["library", "procedural"], "library": { "path": "../clips", "avoidRecentVideos": 2 } }"""));

        Assert.Equal([VisualSources.Library, VisualSources.Procedural], channel.Visuals.Sources);
        Assert.Equal(_dir.Combine("clips"), channel.Visuals.Library!.Path);
        Assert.Equal(2, channel.Visuals.Library.AvoidRecentVideos);
    }

    [Theory]
    [InlineData("""{ "sources": ["library"], "library": { "path": "../missing" } }""", "visuals.library.path", "does not exist")]
    [InlineData("""{ "sources": ["library"] }""", "visuals.library.path is not set", "library")]
    [InlineData("""{ "sources": ["library"], "library": { "path": "c.json" } }""", "is a file, not a folder", "library")]
    [InlineData("""{ "sources": ["sora"] }""", "unknown source 'sora'", "procedural, library, pexels, pixabay, kling, runway, veo")]
    [InlineData("""{ "sources": [] }""", "visuals.sources must list at least one source", "procedural")]
    [InlineData("""{ "sources": ["procedural"], "library": { "path": "x", "avoidRecentVideos": -1 } }""", "avoidRecentVideos -1", "0..1000")]
    public void Load_BadVisuals_IsOneClearError(string visuals, string expected, string alsoExpected)
    {
        var error = Assert.Throws<InvalidInputException>(() => new ChannelProfileLoader().Load(WriteChannel(visuals)));

        Assert.Contains(expected, error.Message);
        Assert.Contains(alsoExpected, error.Message);
    }

    public void Dispose() => _dir.Dispose();
}
