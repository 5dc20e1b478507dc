using AiVideo.Media.Processes;

namespace AiVideo.McpServers.Render.Tests;

/// <summary>read_captions over stdio: the captions a viewer sees, read back from the frames with tesseract.</summary>
public class CaptionToolTests(RenderServerFixture server) : IClassFixture<RenderServerFixture>
{
    private sealed record Cue(int StartMs, int EndMs, string Text);
    private sealed record Assembled(string VideoPath, Cue[] Cues);
    private sealed record Read(bool Readable, string[] Texts, string Method);

    private async Task<Assembled> AssembleAsync(int width, int height, string output)
    {
        var runner = new ProcessRunner();
        var ws = server.Workspace.Path;
        Directory.CreateDirectory(Path.Combine(ws, "ocr"));
        await runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=0x203050:s=270x480:d=1:r=24", "-c:v", "libx264", "-pix_fmt", "yuv420p", Path.Combine(ws, "ocr", "bg.mp4")], default);
        await runner.RunCheckedAsync("espeak-ng", ["-w", Path.Combine(ws, "ocr", "n.wav"), "NASA watches the Moon closely."], default);
        var args = new Dictionary<string, object?>
        {
            ["shotPaths"] = new[] { "ocr/bg.mp4" },
            ["narrationPath"] = "ocr/n.wav",
            ["words"] = new object[]
            {
                new { word = "NASA", startMs = 0, endMs = 500 }, new { word = "watches", startMs = 500, endMs = 900 },
                new { word = "the", startMs = 900, endMs = 1000 }, new { word = "Moon", startMs = 1000, endMs = 1400 },
                new { word = "closely.", startMs = 1400, endMs = 2000 },
            },
            ["width"] = width,
            ["height"] = height,
            ["fps"] = 24,
            ["outputPath"] = output,
        };
        return RenderServerFixture.Structured<Assembled>(await server.CallAsync("assemble_video", args));
    }

    [Fact]
    public async Task ReadCaptions_AtEachCueMidpoint_ReadsTheBurnedWordsIncludingTheBrand()
    {
        var video = await AssembleAsync(540, 960, "ocr/readable.mp4");

        var result = RenderServerFixture.Structured<Read>(await server.CallAsync("read_captions", new Dictionary<string, object?>
        {
            ["videoPath"] = video.VideoPath,
            ["atMs"] = video.Cues.Select(c => (c.StartMs + c.EndMs) / 2).ToArray(),
        }));

        Assert.True(result.Readable);
        Assert.Equal(video.Cues.Length, result.Texts.Length);
        Assert.Contains("NASA", result.Texts[0]);
        var read = string.Join(' ', result.Texts).ToLowerInvariant();
        foreach (var word in new[] { "watches", "moon", "closely" }) Assert.Contains(word, read);
    }

    [Fact]
    public async Task ReadCaptions_TinyVideo_IsReportedUnreadable()
    {
        var video = await AssembleAsync(144, 256, "ocr/tiny.mp4");
        var result = RenderServerFixture.Structured<Read>(await server.CallAsync("read_captions", new Dictionary<string, object?> { ["videoPath"] = video.VideoPath, ["atMs"] = new[] { 200 } }));
        Assert.False(result.Readable);
        Assert.Empty(result.Texts);
    }

    [Theory]
    [InlineData("../x.mp4", "'..'")]
    [InlineData("ocr/readable.mp4", "within the video")]
    public async Task ReadCaptions_BadArguments_ToolError(string path, string expected)
    {
        await AssembleAsync(540, 960, "ocr/readable.mp4");
        var result = await server.CallAsync("read_captions", new Dictionary<string, object?> { ["videoPath"] = path, ["atMs"] = new[] { 999_999 } });
        Assert.True(result.IsError);
        Assert.Contains(expected, RenderServerFixture.ErrorText(result));
    }
}
