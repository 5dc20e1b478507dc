using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core.Captions;
using AiVideo.Core.Domain;
using AiVideo.Core.Json;
using AiVideo.Host.Cli;
using AiVideo.Host.Reports;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using ModelContextProtocol.Client;

namespace AiVideo.EndToEnd.Tests;

/// <summary>
/// `aivideo make` for real: the CLI starts the three MCP servers as child processes from an mcp.json and runs the
/// whole workflow on a tiny brief at 360x640.
/// </summary>
public class MakeEndToEndTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-e2e");

    private string Out => _dir.Combine("out");
    private string Workspace => _dir.Combine("ws");

    [Fact]
    public async Task Make_TinyBrief_PublishesCaptionedVideo_AndRepublishingDoesNotDuplicate()
    {
        var channel = WriteChannel(threshold: 0.55);
        var (code, stdout, stderr) = await MakeAsync(channel);
        Assert.True(code == 0, stderr);

        var report = JsonSerializer.Deserialize<RunReport>(stdout, AiVideoJson.Options)!;
        Assert.Equal("published", report.Outcome);
        Assert.Equal(Path.Combine(Out, report.RunId, "final.mp4"), report.Video);
        Assert.True(File.Exists(Path.Combine(Out, report.RunId, "report.json")));
        Assert.All(report.Gates, g => Assert.True(g.Passed, $"{g.Name}: {g.Reason}"));
        Assert.Contains(report.Gates, g => g.Name == "qa.caption_sync");
        Assert.Contains(report.Gates, g => g.Name == "qa.format");
        Assert.Equal(["script", "script_gate", "voice", "render", "drift_gate", "assemble", "qa", "publish"], report.Steps.Select(s => s.Name));

        // The file itself: h264/aac, 360x640, as long as the report says.
        var info = await new MediaProbe(new ProcessRunner()).ProbeAsync(report.Video!, CancellationToken.None);
        Assert.Equal(("h264", "aac", 360, 640, "yuv420p"), (info.VideoCodec, info.AudioCodec, info.Width, info.Height, info.PixelFormat));
        Assert.True(info.FastStart);
        Assert.InRange(info.DurationSec, 1, 30);
        Assert.Equal(report.DurationSec!.Value, info.DurationSec, 1);

        // Captions burned: one cue per word group of the narration.
        var expectedCues = new CaptionCueBuilder().Build(
            report.Script!.NarrationText.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select((w, i) => new WordTiming(w, i * 100, i * 100 + 90)).ToList()).Count;
        var ass = Directory.GetFiles(Path.Combine(Workspace, "runs", report.RunId), "*.ass", SearchOption.AllDirectories).Single();
        var burnedCues = File.ReadLines(ass).Where(l => l.StartsWith("Dialogue:", StringComparison.Ordinal))
            .Select(l => l.Split(',')[4]).Distinct().Count();
        Assert.Equal(expectedCues, burnedCues);

        // Outbox: one publication for the channel's one platform, with metadata.
        var receipt = Assert.Single(report.Publish);
        Assert.Equal("tiktok", receipt.Platform);
        Assert.True(File.Exists(Path.Combine(receipt.Location, "metadata.json")));
        var before = Directory.GetDirectories(Path.Combine(Out, "published", "tiktok")).Length;
        Assert.Equal(1, before);

        // Publishing the same video with the same key again returns the first receipt and writes nothing.
        await using var publish = await McpServerProcess.StartAsync("aivideo-mcp-publish", Workspace,
            new Dictionary<string, string?> { ["AIVIDEO_OUT"] = Out });
        var relative = Directory.GetFiles(Path.Combine(Workspace, "runs", report.RunId), "final.mp4", SearchOption.AllDirectories).Single();
        var again = await publish.CallToolAsync("publish_video", new Dictionary<string, object?>
        {
            ["videoPath"] = Path.GetRelativePath(Workspace, relative),
            ["platform"] = "tiktok",
            ["title"] = "again",
            ["caption"] = "again",
            ["hashtags"] = new[] { "#x" },
            ["channelId"] = "e2e",
            ["idempotencyKey"] = receipt.IdempotencyKey,
        });
        Assert.NotEqual(true, again.IsError);
        var structured = JsonSerializer.SerializeToNode(again.StructuredContent)!;
        Assert.True(structured["duplicate"]!.GetValue<bool>());
        Assert.Equal(receipt.ExternalId, structured["externalId"]!.GetValue<string>());
        Assert.Equal(before, Directory.GetDirectories(Path.Combine(Out, "published", "tiktok")).Length);
    }

    [Fact]
    public async Task Make_ShotsAlwaysDrift_RerendersTwiceThenDeadLettersWithReason()
    {
        var channel = WriteChannel(threshold: 0.999);
        var (code, stdout, stderr) = await MakeAsync(channel);
        Assert.True(code == 1, stderr);

        var report = JsonSerializer.Deserialize<RunReport>(stdout, AiVideoJson.Options)!;
        Assert.Equal("dead_lettered", report.Outcome);
        Assert.Equal("drift_gate", report.FailedStep);
        Assert.Contains("drifted", report.Reason);
        Assert.Contains("gave up after 2 re-render(s)", report.Reason);
        Assert.Equal(3, report.Steps.Single(s => s.Name == "render").Attempts);
        Assert.Contains(report.Gates, g => g.Name.StartsWith("render.drift:") && !g.Passed);
        Assert.Null(report.Video);
        Assert.Empty(report.Publish);
        Assert.False(Directory.Exists(Path.Combine(Out, "published", "tiktok")) && Directory.EnumerateFileSystemEntries(Path.Combine(Out, "published", "tiktok")).Any());
        Assert.True(File.Exists(Path.Combine(Out, report.RunId, "report.json")));
    }

    private string WriteChannel(double threshold)
    {
        var node = JsonNode.Parse(File.ReadAllText(RepoPaths.Samples("channels", "space-facts.json")))!;
        node["id"] = "e2e";
        node["platforms"] = new JsonArray("tiktok");
        node["render"]!["driftThreshold"] = threshold;
        var path = _dir.Combine("channel.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    private async Task<(int Code, string Stdout, string Stderr)> MakeAsync(string channel)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new CliApp(stdout, stderr, NullLoggerFactory.Instance).RunAsync(
        [
            "make", "--channel", channel, "--brief", RepoPaths.Samples("briefs", "tiny-test.md"),
            "--size", "360x640", "--out", Out, "--workspace", Workspace, "--mcp-config", TestMcpConfig.Write(_dir), "--json",
        ], CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => _dir.Dispose();
}
