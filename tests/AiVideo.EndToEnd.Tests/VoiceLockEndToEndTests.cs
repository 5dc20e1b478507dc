using AiVideo.Host.Runs.Store;
using AiVideo.Testing;

namespace AiVideo.EndToEnd.Tests;

/// <summary>
/// The voice lock through the real CLI and MCP servers: a first make publishes (espeak) and locks the channel's voice;
/// the channel's <c>voice.rate</c> changes; the next make is refused (exit 2, nothing recorded) and so is its dry run,
/// until <c>aivideo channel accept-voice</c> accepts the new voice.
/// </summary>
public class VoiceLockEndToEndTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-e2e-voice");

    private string Out => _dir.Combine("out");

    [Fact]
    public async Task Make_AfterTheVoiceChangedSinceTheFirstPublishedVideo_IsRefusedUntilAccepted()
    {
        var channel = _dir.Combine("space.json");
        var sample = await File.ReadAllTextAsync(RepoPaths.Samples("channels", "space-facts.json"));
        await File.WriteAllTextAsync(channel, sample);
        string[] make = ["make", "--channel", channel, "--brief", RepoPaths.Samples("briefs", "tiny-test.md"), "--size", "360x640",
            "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", TestMcpConfig.Write(_dir), "--no-memory", "--quiet"];

        var first = await InProcessCli.RunAsync(make);
        Assert.True(first.Code == 0, first.Stderr);
        var locked = Assert.Single(RunStore.ForOutput(Out).ChannelVoices("space-facts"));
        Assert.NotNull(locked.LockedAt);

        await File.WriteAllTextAsync(channel, sample.Replace("\"rate\": 165", "\"rate\": 180", StringComparison.Ordinal));
        var refused = await InProcessCli.RunAsync(make);
        var dryRun = await InProcessCli.RunAsync([.. make, "--dry-run"]);

        Assert.Equal(2, refused.Code);
        Assert.Contains("channel space-facts's voice changed since its first published video (locked: espeak voice en-us, rate 165 wpm on ", refused.Stderr);
        Assert.Contains("now: espeak voice en-us, rate 180 wpm); run `aivideo channel accept-voice space-facts` to accept the new voice", refused.Stderr);
        Assert.Equal((2, refused.Stderr), (dryRun.Code, dryRun.Stderr));
        Assert.Single(RunStore.ForOutput(Out).ListRuns()); // the refused make recorded no run

        var accept = await InProcessCli.RunAsync("channel", "accept-voice", "space-facts", "--channel", channel, "--out", Out);
        Assert.True(accept.Code == 0, accept.Stderr);
        Assert.Contains("rate 180 wpm", accept.Stdout);
        var voices = RunStore.ForOutput(Out).ChannelVoices("space-facts");
        Assert.Equal(2, voices.Count);
        Assert.Null(Host.Runs.VoiceLock.Problem(voices, new Core.Channels.ChannelProfileLoader().Load(channel)));
    }

    public void Dispose() => _dir.Dispose();
}
