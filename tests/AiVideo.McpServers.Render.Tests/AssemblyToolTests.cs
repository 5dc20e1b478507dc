using AiVideo.Media.Processes;

namespace AiVideo.McpServers.Render.Tests;

/// <summary>assemble_video over stdio: the deterministic assembly any MCP client can call.</summary>
public class AssemblyToolTests(RenderServerFixture server) : IClassFixture<RenderServerFixture>
{
    private sealed record Cue(int StartMs, int EndMs, string Text);
    private sealed record Assembled(string VideoPath, string SubtitlePath, double DurationSec, int Width, int Height, Cue[] Cues, double IntegratedLufs);

    private async Task<Dictionary<string, object?>> ValidArgsAsync()
    {
        var runner = new ProcessRunner();
        var ws = server.Workspace.Path;
        Directory.CreateDirectory(Path.Combine(ws, "in"));
        await runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=teal:s=160x284:d=1:r=24", "-c:v", "libx264", "-pix_fmt", "yuv420p", Path.Combine(ws, "in", "a.mp4")], default);
        await runner.RunCheckedAsync("espeak-ng", ["-w", Path.Combine(ws, "in", "n.wav"), "Tiny test narration here."], default);
        return new()
        {
            ["shotPaths"] = new[] { "in/a.mp4", "in/a.mp4" },
            ["narrationPath"] = "in/n.wav",
            ["words"] = new object[]
            {
                new { word = "Tiny", startMs = 0, endMs = 300 }, new { word = "test", startMs = 300, endMs = 600 },
                new { word = "narration", startMs = 600, endMs = 1100 }, new { word = "here.", startMs = 1100, endMs = 1500 },
            },
            ["width"] = 180,
            ["height"] = 320,
            ["fps"] = 24,
            ["outputPath"] = "videos/tool.mp4",
        };
    }

    [Fact]
    public async Task AssembleVideo_Valid_ReturnsVideoAndBurnedCues()
    {
        var result = RenderServerFixture.Structured<Assembled>(await server.CallAsync("assemble_video", await ValidArgsAsync()));
        Assert.Equal(("videos/tool.mp4", "videos/tool.ass", 180, 320), (result.VideoPath, result.SubtitlePath, result.Width, result.Height));
        Assert.True(File.Exists(Path.Combine(server.Workspace.Path, "videos", "tool.mp4")));
        Assert.Equal(["Tiny test narration", "here."], result.Cues.Select(c => c.Text));
        Assert.InRange(result.IntegratedLufs, -15.5, -12.5);
    }

    [Theory]
    [InlineData("outputPath", "../x.mp4", "'..'")]
    [InlineData("narrationPath", "in/missing.wav", "does not exist")]
    [InlineData("words", null, "words")]
    [InlineData("width", 7, "out of range")]
    public async Task AssembleVideo_Invalid_ToolError(string name, object? value, string expected)
    {
        var args = await ValidArgsAsync();
        if (value is null) args.Remove(name); else args[name] = value;
        var result = await server.CallAsync("assemble_video", args);
        Assert.True(result.IsError);
        Assert.Contains(expected, RenderServerFixture.ErrorText(result));
        Assert.False(File.Exists(Path.Combine(server.Workspace.Path, "..", "x.mp4")));
    }

    [Theory]
    [InlineData("notes.txt", -18, "is not audio ffmpeg can read")]
    [InlineData("music.wav", -3, "musicVolumeDb -3 must be -40..-10")]
    public async Task AssembleVideo_BadMusic_ToolErrorNamingIt(string track, double volumeDb, string expected)
    {
        var args = await ValidArgsAsync();
        var ws = server.Workspace.Path;
        if (track.EndsWith(".txt", StringComparison.Ordinal)) await File.WriteAllTextAsync(Path.Combine(ws, "in", track), "not audio");
        else await new ProcessRunner().RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "sine=f=220:d=1", Path.Combine(ws, "in", track)], default);
        args["musicPath"] = $"in/{track}";
        args["musicVolumeDb"] = volumeDb;
        args["outputPath"] = "videos/bad-music.mp4";

        var result = await server.CallAsync("assemble_video", args);

        Assert.True(result.IsError);
        Assert.Contains(expected, RenderServerFixture.ErrorText(result));
        Assert.False(File.Exists(Path.Combine(ws, "videos", "bad-music.mp4")));
    }
}
