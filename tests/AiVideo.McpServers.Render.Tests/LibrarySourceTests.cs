using System.Text.Json;
using AiVideo.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiVideo.McpServers.Render.Tests;

/// <summary>A render server allowed to read one generated library (AIVIDEO_RENDER_LIBRARIES), with its own data directory.</summary>
public sealed class LibraryServerFixture : IAsyncLifetime
{
    public TempDirectory Root { get; } = new("aivideo-render-library");

    public string Library => Root.Combine("lib");

    public string Workspace => Root.Combine("ws");

    public McpClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Workspace);
        await TestLibrary.CreateAsync(Library);
        Client = await McpServerProcess.StartAsync("aivideo-mcp-render", Workspace, new Dictionary<string, string?>
        {
            ["AIVIDEO_RENDER_LIBRARIES"] = Library,
            ["AIVIDEO_RENDER_DATA"] = Root.Combine("render-data"),
        });
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        Root.Dispose();
    }
}

public sealed class LibrarySourceTests(LibraryServerFixture server) : IClassFixture<LibraryServerFixture>
{
    private sealed record Part(string Item, double? Score, double StartSec, double DurationSec, double Speed, bool Still);
    private sealed record Shot(string ClipPath, string Provider, double DurationSec, decimal CostUsd, bool Reused, string Source, string? Item, double? Score, List<Part>? Parts, string? Note);

    private Dictionary<string, object?> Call(string query, string run, string shot, double seconds = 1, int avoidRecent = 5, string? library = null, string channel = "ch") => new()
    {
        ["prompt"] = "space facts: " + query,
        ["query"] = query,
        ["channelSeed"] = 4,
        ["durationSec"] = seconds,
        ["width"] = 144,
        ["height"] = 256,
        ["fps"] = 12,
        ["source"] = "library",
        ["libraryPath"] = library ?? server.Library,
        ["avoidRecentVideos"] = avoidRecent,
        ["channelId"] = channel,
        ["runId"] = run,
        ["shotId"] = shot,
        ["outputPath"] = $"runs/{channel}/{run}/{shot}.mp4",
    };

    private async Task<CallToolResult> RawAsync(Dictionary<string, object?> arguments) =>
        await server.Client.CallToolAsync("render_shot", arguments, cancellationToken: new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

    private async Task<Shot> RenderAsync(Dictionary<string, object?> arguments) =>
        RenderServerFixture.Structured<Shot>(await RawAsync(arguments));

    [Fact]
    public async Task RenderShot_MoonQuery_PicksTheMoonClip_WithProvenance_AtTheRequestedSizeAndLength()
    {
        var shot = await RenderAsync(Call("moon craters", "r-moon", "s01", seconds: 1.5, channel: "moon"));

        Assert.Equal(("library", "moon/moon-surface-craters.mp4", 0m), (shot.Source, shot.Item, shot.CostUsd));
        Assert.InRange(shot.Score!.Value, 0.2, 1);
        Assert.Equal(1.5, shot.DurationSec);
        var part = Assert.Single(shot.Parts!);
        Assert.Equal(("moon/moon-surface-craters.mp4", 1.5, 1.0, false), (part.Item, part.DurationSec, part.Speed, part.Still));
        var probe = RenderServerFixture.Structured<JsonElement>(await server.Client.CallToolAsync("probe_media", new Dictionary<string, object?> { ["path"] = shot.ClipPath }));
        Assert.Equal((144, 256), (probe.GetProperty("width").GetInt32(), probe.GetProperty("height").GetInt32()));
        Assert.Equal(1.5, probe.GetProperty("durationSec").GetDouble(), 1);
    }

    [Fact]
    public async Task RenderShot_SameRun_NeverTheSameItemTwice_AndARepeatedShotReturnsItsPick()
    {
        var first = await RenderAsync(Call("moon craters rocket", "r-repeat", "s01", channel: "repeat"));
        var second = await RenderAsync(Call("moon craters rocket", "r-repeat", "s02", channel: "repeat"));
        var again = await RenderAsync(Call("moon craters rocket", "r-repeat", "s01", channel: "repeat"));

        Assert.Equal("moon/moon-surface-craters.mp4", first.Item);
        Assert.NotEqual(first.Item, second.Item);
        Assert.Equal((first.Item, first.ClipPath, true), (again.Item, again.ClipPath, again.Reused));
    }

    [Fact]
    public async Task RenderShot_ReRenderOfAShot_PicksAnotherItem_AndRepeatsOfEachAttemptKeepTheirPick()
    {
        var first = await RenderAsync(Call("moon craters rocket", "r-again", "s01", channel: "again"));
        var retry = Call("moon craters rocket", "r-again", "s01", channel: "again");
        retry["attempt"] = 2;
        retry["outputPath"] = "runs/again/r-again/s01-a2.mp4";
        var second = await RenderAsync(retry);
        var secondAgain = await RenderAsync(retry);

        Assert.Equal("moon/moon-surface-craters.mp4", first.Item);
        Assert.NotEqual(first.Item, second.Item); // a footage-gate re-render must not get the refused item back
        Assert.Equal((second.Item, true), (secondAgain.Item, secondAgain.Reused));
    }

    [Fact]
    public async Task RenderShot_ShotsOfOneRunInParallel_PickDifferentItems()
    {
        // Both shots want the moon clip first; only one may have it.
        var shots = await Task.WhenAll(Enumerable.Range(1, 2).Select(i => RenderAsync(Call("moon craters rocket", "r-parallel", $"s{i:00}", seconds: 0.5, channel: "parallel"))));

        Assert.Equal(["moon/moon-surface-craters.mp4", "rocket-launch.mp4"], shots.Select(s => s.Item!).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RenderShot_ItemUsedInTheChannelsLastVideos_IsNotPickedAgain_UntilOutsideTheWindow()
    {
        var videoA = await RenderAsync(Call("moon craters rocket", "r-a", "s01", avoidRecent: 1, channel: "recent"));
        var videoB = await RenderAsync(Call("moon craters rocket", "r-b", "s01", avoidRecent: 1, channel: "recent"));
        var videoC = await RenderAsync(Call("moon craters rocket", "r-c", "s01", avoidRecent: 1, channel: "recent"));
        var otherChannel = await RenderAsync(Call("moon craters rocket", "r-x", "s01", avoidRecent: 1, channel: "other"));

        Assert.Equal("moon/moon-surface-craters.mp4", videoA.Item);
        Assert.NotEqual(videoA.Item, videoB.Item);                   // used in the last video
        Assert.Equal("moon/moon-surface-craters.mp4", videoC.Item);  // B did not use it: A is outside the window of 1
        Assert.Equal("moon/moon-surface-craters.mp4", otherChannel.Item);
    }

    [Fact]
    public async Task RenderShot_NothingScoresAboveTheFloor_AnswersCannotFill()
    {
        var result = await RawAsync(Call("quantum accounting spreadsheet", "r-none", "s01", channel: "none"));

        Assert.True(result.IsError);
        var text = RenderServerFixture.ErrorText(result);
        Assert.StartsWith("cannot fill: library: no unused item", text);
    }

    [Fact]
    public async Task RenderShot_LibraryFolderNotAllowed_IsRefusedAsAnErrorNotCannotFill()
    {
        var elsewhere = server.Root.Combine("elsewhere");
        Directory.CreateDirectory(elsewhere);

        var result = await RawAsync(Call("moon craters", "r-refused", "s01", library: elsewhere));
        var escaped = await RawAsync(Call("moon craters", "r-refused", "s02", library: Path.Combine(server.Library, "..", "elsewhere")));

        Assert.True(result.IsError);
        Assert.Contains("is not allowed", RenderServerFixture.ErrorText(result));
        Assert.Contains("AIVIDEO_RENDER_LIBRARIES", RenderServerFixture.ErrorText(result));
        Assert.DoesNotContain("cannot fill", RenderServerFixture.ErrorText(result));
        Assert.Contains("is not allowed", RenderServerFixture.ErrorText(escaped));
    }

    [Fact]
    public async Task RenderShot_UnknownSource_IsRefusedNamingTheKnownOnes()
    {
        var call = Call("moon", "r-unknown", "s01");
        call["source"] = "sora";

        var result = await RawAsync(call);

        Assert.True(result.IsError);
        Assert.Contains("unknown visual source 'sora'", RenderServerFixture.ErrorText(result));
        Assert.Contains("kling, library, pexels, pixabay, procedural, runway, veo", RenderServerFixture.ErrorText(result));
    }
}
