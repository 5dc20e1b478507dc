using AiVideo.Testing;
using ModelContextProtocol.Client;

namespace AiVideo.McpServers.Render.Tests;

/// <summary>render_shot's dryRun price quote, free on the embedded renderer and priced with AIVIDEO_RENDER_SIMULATED_PRICE.</summary>
public sealed class RenderPriceTests(RenderServerFixture server) : IClassFixture<RenderServerFixture>
{
    private sealed record RenderShot(string ClipPath, string Provider, double DurationSec, decimal CostUsd, bool Reused, bool DryRun);

    private static Dictionary<string, object?> Shot(string outputPath, bool dryRun, double duration = 1.5) => new()
    {
        ["prompt"] = "a comet over the sea",
        ["channelSeed"] = 5,
        ["durationSec"] = duration,
        ["width"] = 160,
        ["height"] = 284,
        ["fps"] = 12,
        ["outputPath"] = outputPath,
        ["dryRun"] = dryRun,
    };

    [Fact]
    public async Task RenderShot_DryRun_QuotesZeroForTheFreeRenderer_AndWritesNothing()
    {
        var quote = RenderServerFixture.Structured<RenderShot>(await server.CallAsync("render_shot", Shot("quotes/free.mp4", dryRun: true)));

        Assert.True(quote.DryRun);
        Assert.Equal(("procedural", 0m, "quotes/free.mp4"), (quote.Provider, quote.CostUsd, quote.ClipPath));
        Assert.False(File.Exists(Path.Combine(server.Workspace.Path, "quotes/free.mp4")));
        Assert.False(Directory.Exists(Path.Combine(server.Workspace.Path, "quotes")));
    }

    [Fact]
    public async Task RenderShot_DryRun_InvalidRequest_IsTheSameToolErrorAsTheRealCall()
    {
        var result = await server.CallAsync("render_shot", Shot("quotes/bad.mp4", dryRun: true, duration: 99));

        Assert.True(result.IsError);
        Assert.Contains("durationSec 99 is out of range", RenderServerFixture.ErrorText(result));
    }

    [Fact]
    public async Task SimulatedPrice_QuoteEqualsTheActualCost_AReusedClipIsQuotedFree()
    {
        using var workspace = new TempDirectory("aivideo-render-price");
        await using var priced = await McpServerProcess.StartAsync("aivideo-mcp-render", workspace.Path,
            new Dictionary<string, string?> { ["AIVIDEO_RENDER_SIMULATED_PRICE"] = "0.02" });
        async Task<RenderShot> Call(bool dryRun) => RenderServerFixture.Structured<RenderShot>(
            await priced.CallToolAsync("render_shot", Shot("shots/a.mp4", dryRun), cancellationToken: new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token));

        var quote = await Call(dryRun: true);
        var rendered = await Call(dryRun: false);
        var requote = await Call(dryRun: true);

        Assert.Equal((0.03m, true), (quote.CostUsd, quote.DryRun)); // 1.5 s × $0.02
        Assert.Equal((0.03m, false, false), (rendered.CostUsd, rendered.DryRun, rendered.Reused));
        Assert.True(File.Exists(Path.Combine(workspace.Path, "shots/a.mp4")));
        Assert.Equal((0m, true), (requote.CostUsd, requote.Reused));
    }

    [Fact]
    public async Task SimulatedPrice_NotAPrice_TheServerRefusesToStart()
    {
        using var workspace = new TempDirectory("aivideo-render-price");
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var client = await McpServerProcess.StartAsync("aivideo-mcp-render", workspace.Path,
                new Dictionary<string, string?> { ["AIVIDEO_RENDER_SIMULATED_PRICE"] = "cheap" },
                new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        });
    }
}
