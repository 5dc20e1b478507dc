using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core.Json;
using AiVideo.Host.Cli;
using AiVideo.Host.Reports;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.EndToEnd.Tests;

/// <summary>
/// `aivideo make` with a channel whose visuals come from its own library (a folder next to the channel file, given by a
/// relative path) and the sample music under the voice: the CLI allows the render server to read the library, the shot
/// is filled from it, the music is ducked, and report.json says from what and by how much.
/// </summary>
public sealed class LibraryMakeEndToEndTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-e2e-library");

    [Fact]
    public async Task Make_LibraryChannelWithMusic_PublishesWithShotsFromTheLibraryAndDuckedMusic_AndReportsBoth()
    {
        var library = await TestLibrary.CreateAsync(_dir.Combine("channel", "clips"));
        await TestLibrary.StillAsync(Path.Combine(library, "moon", "full-moon-night.png"), "gradients=size=144x256:c0=#101010:c1=#e0e0e0:type=radial:seed=5");
        var channel = JsonNode.Parse(File.ReadAllText(RepoPaths.Samples("channels", "space-library.json")))!;
        channel["id"] = "e2e-library";
        channel["visuals"]!["library"]!["path"] = "clips"; // relative to the channel file
        var tracks = Directory.CreateDirectory(_dir.Combine("channel", "tracks")).FullName;
        File.Copy(RepoPaths.Samples("music", "tracks", "calm-orbit.m4a"), Path.Combine(tracks, "calm-orbit.m4a"));
        channel["music"]!["path"] = "tracks";
        var channelPath = _dir.Combine("channel", "channel.json");
        File.WriteAllText(channelPath, channel.ToJsonString());
        var brief = _dir.Combine("moon.md");
        File.WriteAllText(brief, "# The Moon up close\n\n- The Moon is covered in craters.\n");

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new CliApp(stdout, stderr, NullLoggerFactory.Instance).RunAsync(
        [
            "make", "--channel", channelPath, "--brief", brief, "--size", "360x640",
            "--out", _dir.Combine("out"), "--workspace", _dir.Combine("ws"), "--mcp-config", TestMcpConfig.Write(_dir), "--json",
        ], CancellationToken.None);

        Assert.True(code == 0, stderr.ToString());
        var report = JsonSerializer.Deserialize<RunReport>(stdout.ToString(), AiVideoJson.Options)!;
        Assert.Equal("published", report.Outcome);
        var shot = Assert.Single(report.Shots);
        Assert.Equal(("library", "moon/moon-surface-craters.mp4"), (shot.Source, shot.Item));
        Assert.InRange(shot.Score!.Value, 0.12, 1);
        Assert.Contains(shot.Parts, p => p.Item == "moon/full-moon-night.png" && p.Still);
        Assert.All(shot.Parts, p => Assert.True(p.Speed >= 0.8));
        Assert.Null(shot.Similarity);
        Assert.Contains(report.Gates, g => g.Name == "render.drift:s01" && g.Passed && g.Reason.Contains("not measured", StringComparison.Ordinal));
        Assert.NotNull(report.Music);
        Assert.Equal(Path.Combine(tracks, "calm-orbit.m4a"), report.Music.Track);
        Assert.InRange(report.Music.DuckDepthDb!.Value, 12 - 1.5, 12 + 1.5);
        Assert.Contains(report.Gates, g => g.Name == "qa.loudness" && g.Passed);
        var info = await new MediaProbe(new ProcessRunner()).ProbeAsync(report.Video!, CancellationToken.None);
        Assert.Equal((360, 640), (info.Width, info.Height));
        var written = await File.ReadAllTextAsync(Path.Combine(_dir.Combine("out"), report.RunId, "report.json"));
        Assert.Contains("\"source\": \"library\"", written);
        Assert.Contains("moon/moon-surface-craters.mp4", written);
    }

    public void Dispose() => _dir.Dispose();
}
