using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core.Json;
using AiVideo.Host.Cli;
using AiVideo.Host.Configuration;
using AiVideo.Host.Reports;
using AiVideo.Memory.Performance;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.EndToEnd.Tests;

/// <summary>
/// The feedback loop for real: make publishes (the video is registered with the Publish server's register_publication),
/// its metrics are imported from CSV through import_metrics, and the next make recalls it with recall_performance — the report lists it with why, and the writer tries a new hook style.
/// </summary>
public class MemoryLoopEndToEndTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-memory");

    private string Out => _dir.Combine("out");

    [Fact]
    public async Task Make_ThenImportMetrics_NextMakeRecallsThePastVideoAndReportsWhy()
    {
        var channel = WriteChannel();
        var first = await MakeAsync(channel);
        var receipt = Assert.Single(first.Publish);
        var firstStyle = HookStyles.Classify(first.Script!.Hook);

        var csv = _dir.Combine("metrics.csv");
        File.WriteAllText(csv, $"""
            platform,video_id,observed_at,views,avg_view_pct,likes,shares
            tiktok,{receipt.ExternalId},2026-11-25T12:00:00Z,1500,61.5,90,12
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var import = await new CliApp(stdout, stderr, NullLoggerFactory.Instance, () => ModelConnection.Offline)
            .RunAsync(["metrics", "import", csv, "--out", Out, "--mcp-config", TestMcpConfig.Write(_dir)], CancellationToken.None);
        Assert.True(import == 0, stderr.ToString());
        Assert.Contains("imported 1 observation(s)", stdout.ToString());
        Assert.Contains("publish.db", stdout.ToString()); // the Publish server's own file, not the run store

        var second = await MakeAsync(channel);

        var recalled = Assert.Single(second.Memory);
        Assert.Equal($"tiktok:{receipt.ExternalId}", recalled.Key);
        Assert.Contains(recalled.Reasons, r => r.StartsWith("similar topic", StringComparison.Ordinal));
        Assert.Contains(recalled.Reasons, r => r.StartsWith("best performer", StringComparison.Ordinal));
        Assert.Equal(1500, recalled.Views);
        var style = Assert.Single(second.HookStyles);
        Assert.Equal(firstStyle, style.Style);
        Assert.NotEqual(firstStyle, HookStyles.Classify(second.Script!.Hook)); // an untried style is explored next
    }

    private string WriteChannel()
    {
        var node = JsonNode.Parse(File.ReadAllText(RepoPaths.Samples("channels", "space-facts.json")))!;
        node["id"] = "memory-e2e";
        node["platforms"] = new JsonArray("tiktok");
        var path = _dir.Combine("channel.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    private async Task<RunReport> MakeAsync(string channel)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new CliApp(stdout, stderr, NullLoggerFactory.Instance, () => ModelConnection.Offline).RunAsync(
        [
            "make", "--channel", channel, "--brief", RepoPaths.Samples("briefs", "tiny-test.md"),
            "--size", "360x640", "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", TestMcpConfig.Write(_dir), "--json", "--quiet",
        ], CancellationToken.None);
        Assert.True(code == 0, stderr.ToString());
        return JsonSerializer.Deserialize<RunReport>(stdout.ToString(), AiVideoJson.Options)!;
    }

    public void Dispose() => _dir.Dispose();
}
