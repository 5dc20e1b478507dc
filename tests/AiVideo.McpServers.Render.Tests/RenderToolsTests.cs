using System.Collections.Concurrent;
using System.Text.Json;
using ModelContextProtocol;

namespace AiVideo.McpServers.Render.Tests;

public sealed class RenderToolsTests(RenderServerFixture server) : IClassFixture<RenderServerFixture>
{
    private sealed record RenderShot(string ClipPath, string Provider, int Seed, double DurationSec, int Attempt, decimal CostUsd, string StyleId, bool Reused);
    private sealed record SimilarityScore(double Similarity, string Method, int FramesCompared, string ReferencePath, bool Frozen);
    private sealed record Probe(string Path, double DurationSec, string? VideoCodec, string? AudioCodec, int Width, int Height, double FrameRate, string? PixelFormat, long SizeBytes, bool FastStart);

    private static Dictionary<string, object?> Shot(string prompt = "a lighthouse at dusk", int seed = 3, double duration = 1) => new()
    {
        ["prompt"] = prompt,
        ["channelSeed"] = seed,
        ["durationSec"] = duration,
        ["width"] = 160,
        ["height"] = 284,
        ["fps"] = 24,
    };

    [Fact]
    public async Task ListTools_HasTheRenderToolsWithInputSchemas()
    {
        var tools = await server.Client.ListToolsAsync();

        var byName = tools.ToDictionary(t => t.Name);
        Assert.Contains("render_shot", byName.Keys);
        Assert.Contains("shot_similarity", byName.Keys);
        Assert.Contains("probe_media", byName.Keys);
        var render = byName["render_shot"].ProtocolTool;
        var required = render.InputSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Equal(["prompt", "channelSeed", "durationSec"], required);
        Assert.True(render.InputSchema.GetProperty("properties").TryGetProperty("outputPath", out _));
        Assert.False(string.IsNullOrWhiteSpace(render.Description));
        Assert.NotNull(render.OutputSchema);
        Assert.True(byName["shot_similarity"].ProtocolTool.InputSchema.GetProperty("properties").TryGetProperty("referencePath", out _));
    }

    [Fact]
    public async Task RenderShot_ValidCall_WritesTheClipAndASecondCallReusesIt()
    {
        var first = RenderServerFixture.Structured<RenderShot>(await server.CallAsync("render_shot", Shot()));
        var full = Path.Combine(server.Workspace.Path, first.ClipPath);
        var written = File.GetLastWriteTimeUtc(full);

        var again = RenderServerFixture.Structured<RenderShot>(await server.CallAsync("render_shot", Shot()));

        Assert.StartsWith("shots/", first.ClipPath);
        Assert.EndsWith(".mp4", first.ClipPath);
        Assert.True(File.Exists(full));
        Assert.True(File.Exists(full + ".json"));
        Assert.Equal(("procedural", 3, 1.0, 1, 0m), (first.Provider, first.Seed, first.DurationSec, first.Attempt, first.CostUsd));
        Assert.StartsWith("procedural-", first.StyleId);
        Assert.False(first.Reused);
        Assert.True(again.Reused);
        Assert.Equal(first.ClipPath, again.ClipPath);
        Assert.Equal(written, File.GetLastWriteTimeUtc(full));
    }

    [Fact]
    public async Task RenderShot_WithAKeyPhrase_IsADifferentClipFromTheSameShotWithout()
    {
        var plain = RenderServerFixture.Structured<RenderShot>(await server.CallAsync("render_shot", Shot("tides over a dark ocean")));
        var args = Shot("tides over a dark ocean");
        args["overlayText"] = "two milliseconds";
        var overlaid = RenderServerFixture.Structured<RenderShot>(await server.CallAsync("render_shot", args));
        var again = RenderServerFixture.Structured<RenderShot>(await server.CallAsync("render_shot", args));

        Assert.NotEqual(plain.ClipPath, overlaid.ClipPath);
        Assert.False(overlaid.Reused);
        Assert.True(again.Reused);
        Assert.NotEqual(
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(server.Workspace.Path, plain.ClipPath)))),
            Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(await File.ReadAllBytesAsync(Path.Combine(server.Workspace.Path, overlaid.ClipPath)))));
    }

    [Fact]
    public async Task RenderShot_OtherAttemptToExplicitPath_RendersAgain()
    {
        var args = Shot();
        args["outputPath"] = "custom/take.mp4";
        var first = RenderServerFixture.Structured<RenderShot>(await server.CallAsync("render_shot", args));
        args["attempt"] = 2;
        var second = RenderServerFixture.Structured<RenderShot>(await server.CallAsync("render_shot", args));

        Assert.Equal("custom/take.mp4", first.ClipPath);
        Assert.False(second.Reused);
        Assert.Equal(2, second.Attempt);
    }

    [Fact]
    public async Task ShotSimilarity_SameSeedAgainstDefaultReference_PassesTheThreshold_OtherSeedDoesNot()
    {
        var clip = RenderServerFixture.Structured<RenderShot>(await server.CallAsync("render_shot", Shot("ocean waves at dawn", 3)));

        var same = RenderServerFixture.Structured<SimilarityScore>(await server.CallAsync("shot_similarity", new() { ["clipPath"] = clip.ClipPath, ["channelSeed"] = 3 }));
        var other = RenderServerFixture.Structured<SimilarityScore>(await server.CallAsync("shot_similarity", new() { ["clipPath"] = clip.ClipPath, ["channelSeed"] = 1 }));

        Assert.InRange(same.Similarity, 0.55, 1);
        Assert.InRange(other.Similarity, 0, 0.4);
        Assert.Equal(3, same.FramesCompared);
        Assert.StartsWith("references/", same.ReferencePath);
        Assert.True(File.Exists(Path.Combine(server.Workspace.Path, same.ReferencePath)));

        var explicitRef = RenderServerFixture.Structured<SimilarityScore>(await server.CallAsync("shot_similarity",
            new() { ["clipPath"] = clip.ClipPath, ["channelSeed"] = 3, ["referencePath"] = same.ReferencePath }));
        Assert.Equal(same.Similarity, explicitRef.Similarity);
    }

    [Fact]
    public async Task ProbeMedia_RenderedClip_ReturnsItsFormat()
    {
        var clip = RenderServerFixture.Structured<RenderShot>(await server.CallAsync("render_shot", Shot("coffee beans close up", 2)));

        var probe = RenderServerFixture.Structured<Probe>(await server.CallAsync("probe_media", new() { ["path"] = clip.ClipPath }));

        Assert.Equal((clip.ClipPath, "h264", (string?)null, 160, 284, "yuv420p"), (probe.Path, probe.VideoCodec, probe.AudioCodec, probe.Width, probe.Height, probe.PixelFormat));
        Assert.Equal(24, probe.FrameRate, 3);
        Assert.InRange(probe.DurationSec, 0.95, 1.05);
        Assert.True(probe.FastStart);
        Assert.True(probe.SizeBytes > 0);
    }

    public static TheoryData<string, string, string> InvalidCalls => new()
    {
        { "render_shot", """{"prompt":"a lighthouse","channelSeed":1,"durationSec":99999}""", "durationSec" },
        { "render_shot", """{"prompt":"a lighthouse","channelSeed":1,"durationSec":1,"width":7}""", "7x1920" },
        { "render_shot", """{"prompt":"a lighthouse","channelSeed":1,"durationSec":1,"width":160,"height":284,"outputPath":"../x.mp4"}""", ".." },
        { "render_shot", """{"prompt":"a lighthouse","channelSeed":1,"durationSec":1,"width":160,"height":284,"outputPath":"/tmp/x.mp4"}""", "absolute" },
        { "render_shot", """{"prompt":"a lighthouse","channelSeed":1,"durationSec":1,"width":160,"height":284,"outputPath":"x.mov"}""", ".mp4" },
        { "render_shot", """{"prompt":"ab","channelSeed":1,"durationSec":1}""", "prompt" },
        { "render_shot", """{"channelSeed":1,"durationSec":1}""", "prompt" },
        { "render_shot", """{"prompt":"a lighthouse","channelSeed":"abc","durationSec":1}""", "an argument has the wrong type" },
        { "render_shot", """{"prompt":"a lighthouse","channelSeed":1,"durationSec":1,"fps":500}""", "fps" },
        { "render_shot", """{"prompt":"a lighthouse","channelSeed":1,"durationSec":1,"width":160,"height":284,"overlayText":"?!:"}""", "overlayText" },
        { "render_shot", """{"prompt":"a lighthouse","channelSeed":1,"durationSec":1,"width":160,"height":284,"overlayText":"MOON","font":"No Such Font Family"}""", "not installed" },
        { "shot_similarity", """{"clipPath":"../../etc/passwd","channelSeed":1}""", ".." },
        { "shot_similarity", """{"clipPath":"shots/missing.mp4","channelSeed":1}""", "does not exist" },
        { "probe_media", """{"path":"/etc/passwd"}""", "absolute" },
        { "probe_media", """{"path":"missing.mp4"}""", "does not exist" },
        { "probe_media", """{"path":"notes.txt"}""", "not a media file" },
        { "shot_similarity", """{"clipPath":"notes.txt","channelSeed":1}""", "notes.txt" },
    };

    [Theory]
    [MemberData(nameof(InvalidCalls))]
    public async Task Tools_InvalidArguments_ReturnOneLineToolErrorAndTheServerStaysUp(string tool, string json, string expected)
    {
        await File.WriteAllTextAsync(Path.Combine(server.Workspace.Path, "notes.txt"), "not media");
        var arguments = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json)!.ToDictionary(kv => kv.Key, kv => (object?)kv.Value);

        var result = await server.CallAsync(tool, arguments);

        Assert.True(result.IsError);
        var message = RenderServerFixture.ErrorText(result);
        Assert.Contains(expected, message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("\n", message.Trim());
        Assert.DoesNotContain("   at ", message);
        Assert.Empty(Directory.GetFiles(server.Workspace.Path, "*.partial", SearchOption.AllDirectories));
        Assert.NotEmpty(await server.Client.ListToolsAsync());
    }

    [Fact]
    public async Task RenderShot_LongerRender_SendsProgressNotifications()
    {
        var updates = new ConcurrentQueue<ProgressNotificationValue>();
        var progress = new SyncProgress(updates.Enqueue);
        var args = Shot("a slow sunrise over hills", 4, duration: 4);
        args["width"] = 360;
        args["height"] = 640;

        var result = RenderServerFixture.Structured<RenderShot>(await server.CallAsync("render_shot", args, progress));

        Assert.True(File.Exists(Path.Combine(server.Workspace.Path, result.ClipPath)));
        // The last notification before the result is often dropped (design §3): only ask that some arrived.
        await WaitUntilAsync(() => !updates.IsEmpty);
        Assert.All(updates, u => Assert.InRange(u.Progress, 0, 100));
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 50 && !condition(); i++)
        {
            await Task.Delay(100);
        }
        Assert.True(condition(), "no progress notification arrived");
    }

    private sealed class SyncProgress(Action<ProgressNotificationValue> report) : IProgress<ProgressNotificationValue>
    {
        public void Report(ProgressNotificationValue value) => report(value);
    }
}
