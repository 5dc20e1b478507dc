using System.Text.Json.Nodes;
using AiVideo.Host.Cli;
using AiVideo.Host.Configuration;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.EndToEnd.Tests;

/// <summary>`aivideo campaign run`: every planned video in order, past failures, with a summary table.</summary>
public class CampaignEndToEndTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-campaign");

    [Fact]
    public async Task CampaignRun_OneGoodOneBadVideo_MakesBothInOrderAndSummarises()
    {
        var channel = JsonNode.Parse(File.ReadAllText(RepoPaths.Samples("channels", "space-facts.json")))!;
        channel["id"] = "campaign-e2e";
        channel["platforms"] = new JsonArray("tiktok");
        File.WriteAllText(_dir.Combine("campaign-channel.json"), channel.ToJsonString());
        var plan = _dir.Combine("plan.json");
        File.WriteAllText(plan, """
            {
              "name": "Honey week",
              "channel": "campaign-channel.json",
              "videos": [
                { "date": "2026-12-01", "brief": { "title": "A miracle in the jar", "facts": ["This miracle never spoils."] } },
                { "date": "2026-12-02", "brief": { "title": "Honey never spoils", "facts": ["Honey never spoils in a sealed jar."] } }
              ]
            }
            """);
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await new CliApp(stdout, stderr, NullLoggerFactory.Instance, () => ModelConnection.Offline).RunAsync(
            ["campaign", "run", plan, "--size", "360x640", "--out", _dir.Combine("out"), "--workspace", _dir.Combine("ws"), "--mcp-config", TestMcpConfig.Write(_dir), "--quiet"],
            CancellationToken.None);

        Assert.Equal(1, code);
        var lines = stdout.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("campaign 'Honey week' for Orbit Minute: 1 of 2 published", lines[0]);
        Assert.Matches(@"^1\s+2026-12-01 dead_lettered\s+A miracle in the jar.*script_gate: .*miracle", lines[2]);
        Assert.Matches(@"^2\s+2026-12-02 published\s+Honey never spoils.*final\.mp4", lines[3]);
    }

    [Theory]
    [InlineData("""{"name":"x","channel":"c","videos":[]}""", "needs 1..60 videos")]
    [InlineData("""{"name":"x","channel":"c","videos":[{"date":"2026-12-01","brief":{"title":"ok title","facts":[]}}]}""", "needs at least one fact")]
    [InlineData("""{"name":"x","channel":"c","videos":[{"date":"not a date","brief":{"title":"ok title","facts":["f"]}}]}""", "is not valid")]
    public async Task CampaignRun_BadPlan_OneLineErrorExit2(string json, string expected)
    {
        var plan = _dir.Combine("bad.json");
        File.WriteAllText(plan, json);
        var stderr = new StringWriter();
        var code = await new CliApp(new StringWriter(), stderr, NullLoggerFactory.Instance, () => ModelConnection.Offline).RunAsync(["campaign", "run", plan], CancellationToken.None);
        Assert.Equal(2, code);
        Assert.Contains(expected, stderr.ToString());
    }

    public void Dispose() => _dir.Dispose();
}
