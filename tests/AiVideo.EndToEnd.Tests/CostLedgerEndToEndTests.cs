using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core.Json;
using AiVideo.Host.Reports;
using AiVideo.Host.Runs.Store;
using AiVideo.Testing;

namespace AiVideo.EndToEnd.Tests;

/// <summary>
/// The cost ledger through the real CLI and MCP servers, with the Render server charging a simulated price
/// (AIVIDEO_RENDER_SIMULATED_PRICE, the "fake priced provider"): a paid make within its caps, its report and the
/// <c>costs</c> table; a dry run that spends nothing; a make whose first render would exceed the video cap.
/// </summary>
public class CostLedgerEndToEndTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-e2e-costs");

    private string Out => _dir.Combine("out");

    [Fact]
    public async Task Make_WithASimulatedPrice_ReportsEstimatedAndActual_CostsTableShowsIt_DryRunSpendsNothing()
    {
        var channel = WriteChannel(videoCap: 1.00m);

        var (code, stdout, stderr) = await CliAsync("make", "--channel", channel, "--brief", RepoPaths.Samples("briefs", "tiny-test.md"), "--size", "360x640",
            "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", PricedMcpConfig(), "--json", "--no-memory");

        Assert.True(code == 0, stderr);
        Assert.Contains("SIMULATED PRICE of 0.01 USD per second", stderr);
        var report = JsonSerializer.Deserialize<RunReport>(stdout, AiVideoJson.Options)!;
        var costs = report.Costs!;
        var procedural = Assert.Single(costs.Providers);
        // What the Render server recorded next to each clip it rendered (its sidecar) is what the ledger settled.
        var sidecars = Directory.GetFiles(_dir.Combine("ws", "runs", report.RunId, "shots"), "*.mp4.json")
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!).ToList();
        Assert.Equal("procedural", procedural.Provider);
        Assert.Equal(sidecars.Count, procedural.Calls);
        Assert.Equal(sidecars.Sum(s => s["CostUsd"]!.GetValue<decimal>()), procedural.ActualUsd);
        Assert.InRange(procedural.ActualUsd, 0.01m, 1.00m);
        Assert.Equal(procedural.EstimatedUsd, procedural.ActualUsd);
        Assert.Equal((procedural.ActualUsd, 0m, 0), (report.CostUsd, costs.ReservedOpenUsd, costs.Refused));
        Assert.Equal((1.00m, null, 5.00m), (costs.Caps.MaxCostUsdPerVideo, costs.Caps.MaxCostUsdPerDay, costs.Caps.MaxCostUsdPerMonth));

        var table = await CliAsync("costs", "--channel", "e2e-costs", "--by", "run", "--out", Out);
        Assert.True(table.Code == 0, table.Stderr);
        var row = table.Stdout.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Single(r => r is [_, _, "procedural", ..]);
        Assert.Equal(["e2e-costs", report.RunId, "procedural", procedural.Calls.ToString(System.Globalization.CultureInfo.InvariantCulture)], row[..4]);
        Assert.Equal($"${procedural.ActualUsd:0.000000}", row[5]);

        var ledgerBefore = RunStore.ForOutput(Out).RunCosts(report.RunId);
        var dry = await CliAsync("make", "--channel", channel, "--brief", RepoPaths.Samples("briefs", "tiny-test.md"), "--size", "360x640",
            "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", PricedMcpConfig(), "--dry-run", "--no-memory");
        Assert.True(dry.Code == 0, dry.Stderr);
        Assert.Contains("estimated cost per provider:", dry.Stdout);
        Assert.Matches(@"procedural\s+\d+ call\(s\)\s+\$0\.\d+", dry.Stdout);
        Assert.Contains("fits the budget", dry.Stdout);
        Assert.Single(RunStore.ForOutput(Out).ListRuns()); // no run recorded
        Assert.Equal(ledgerBefore, RunStore.ForOutput(Out).RunCosts(report.RunId));
        Assert.Single(RunStore.ForOutput(Out).CostRows(DateTimeOffset.UtcNow.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture), null, byRun: true));
        Assert.False(Directory.Exists(_dir.Combine("ws", "runs", "dry-run")));
    }

    [Fact]
    public async Task Make_FirstRenderOverTheVideoCap_NothingRendered_DeadLetteredWithBudgetInDlqAndReport()
    {
        var channel = WriteChannel(videoCap: 0.001m);

        var (code, stdout, stderr) = await CliAsync("make", "--channel", channel, "--brief", RepoPaths.Samples("briefs", "tiny-test.md"), "--size", "360x640",
            "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", PricedMcpConfig(), "--json", "--no-memory");

        Assert.True(code == 1, stderr);
        var report = JsonSerializer.Deserialize<RunReport>(stdout, AiVideoJson.Options)!;
        Assert.Equal(("dead_lettered", "render"), (report.Outcome, report.FailedStep));
        Assert.StartsWith("budget: render_shot on procedural not called: the video cap $0.001", report.Reason);
        Assert.Equal(0m, report.CostUsd);
        Assert.True(report.Costs!.Refused >= 1);
        Assert.False(Directory.Exists(_dir.Combine("ws", "runs", report.RunId, "shots")) && Directory.EnumerateFiles(_dir.Combine("ws", "runs", report.RunId, "shots"), "*.mp4").Any());

        var dlq = await CliAsync("dlq", "list", "--out", Out);
        Assert.Contains($"{report.RunId}  dead_lettered", dlq.Stdout);
        Assert.Contains("render", dlq.Stdout);
        Assert.Contains("— budget: render_shot on procedural not called", dlq.Stdout);
    }

    private string WriteChannel(decimal videoCap)
    {
        var node = JsonNode.Parse(File.ReadAllText(RepoPaths.Samples("channels", "space-facts.json")))!;
        node["id"] = "e2e-costs";
        node["platforms"] = new JsonArray("tiktok");
        node["budget"] = new JsonObject { ["maxCostUsdPerVideo"] = videoCap, ["maxCostUsdPerMonth"] = 5.00m };
        var path = _dir.Combine("channel.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    /// <summary>The test servers' mcp.json, the Render server with a simulated price of $0.01 per second of clip.</summary>
    private string PricedMcpConfig()
    {
        var path = TestMcpConfig.Write(_dir);
        var config = JsonNode.Parse(File.ReadAllText(path))!;
        config["mcpServers"]!["aivideo-render"]!["env"] = new JsonObject { ["AIVIDEO_RENDER_SIMULATED_PRICE"] = "0.01" };
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private static Task<(int Code, string Stdout, string Stderr)> CliAsync(params string[] args) => InProcessCli.RunAsync(args);

    public void Dispose() => _dir.Dispose();
}
