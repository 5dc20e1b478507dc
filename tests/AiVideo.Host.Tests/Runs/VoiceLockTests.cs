using AiVideo.Agents.Scripts;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Host.Cli;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Runs;
using AiVideo.Host.Runs.Store;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.Host.Tests.Runs;

/// <summary>The voice lock: recorded with the first published video, a changed voice refused before anything runs until accepted.</summary>
public class VoiceLockTests : IDisposable
{
    private static readonly DateTimeOffset LockedAt = new(2026, 12, 1, 9, 30, 0, TimeSpan.Zero);
    private readonly TempDirectory _dir = new();

    private string Out => _dir.Combine("out");

    private static ChannelProfile Channel(int rate = 165) => new() { Id = "space", Name = "Space Facts", Niche = "space", Voice = new VoiceSettings { Rate = rate } };

    private RunStore Store() => RunStore.ForOutput(Out);

    [Fact]
    public void Migration5_AddsChannelVoicesToAVersion4Store()
    {
        var store = Store();
        using (var c = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={store.DatabasePath};Pooling=False"))
        {
            c.Open();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "DROP TABLE channel_voices; DELETE FROM schema_version WHERE version = 5;";
            cmd.ExecuteNonQuery();
        }

        var migrated = Store();

        Assert.Equal(5, migrated.SchemaVersion);
        Assert.True(migrated.LockVoice("space", VoiceFingerprint.Of(Channel().Voice), LockedAt));
    }

    [Fact]
    public void LockVoice_SecondPublishedVideo_KeepsTheFirstLock()
    {
        var store = Store();
        Assert.True(store.LockVoice("space", VoiceFingerprint.Of(Channel(165).Voice), LockedAt));

        Assert.False(store.LockVoice("space", VoiceFingerprint.Of(Channel(175).Voice), LockedAt.AddDays(1)));

        var locked = Assert.Single(Store().ChannelVoices("space"));
        Assert.Equal((VoiceFingerprint.Of(Channel(165).Voice).Hash, LockedAt), (locked.Fingerprint, locked.LockedAt));
    }

    [Fact]
    public void Problem_ChangedVoice_NamesBothVoicesTheDateAndTheCommand()
    {
        Store().LockVoice("space", VoiceFingerprint.Of(Channel(165).Voice), LockedAt);

        var problem = VoiceLock.Problem(Store().ChannelVoices("space"), Channel(175));

        Assert.Equal("channel space's voice changed since its first published video (locked: espeak voice en-us, rate 165 wpm on 2026-12-01; "
            + "now: espeak voice en-us, rate 175 wpm); run `aivideo channel accept-voice space` to accept the new voice", problem);
    }

    [Fact]
    public void Problem_NoLockTheLockedVoiceOrAnAcceptedVoice_AllowsTheRun()
    {
        Assert.Null(VoiceLock.Problem(Store().ChannelVoices("space"), Channel(175))); // nothing published yet
        Store().LockVoice("space", VoiceFingerprint.Of(Channel(165).Voice), LockedAt);
        Assert.Null(VoiceLock.Problem(Store().ChannelVoices("space"), Channel(165)));

        Store().AcceptVoice("space", VoiceFingerprint.Of(Channel(175).Voice), LockedAt.AddDays(2));

        Assert.Null(VoiceLock.Problem(Store().ChannelVoices("space"), Channel(175)));
        Assert.NotNull(VoiceLock.Problem(Store().ChannelVoices("space"), Channel(180))); // only exactly the accepted voice
        Assert.Null(VoiceLock.Problem(Store().ChannelVoices("other"), Channel(180) with { Id = "other" })); // per channel
    }

    [Fact]
    public void AcceptVoice_Twice_KeepsTheFirstTimestamp()
    {
        var voice = VoiceFingerprint.Of(Channel(175).Voice);
        Assert.True(Store().AcceptVoice("space", voice, LockedAt));

        Assert.False(Store().AcceptVoice("space", voice, LockedAt.AddHours(1)));

        Assert.Equal(LockedAt, Assert.Single(Store().ChannelVoices("space")).AcceptedAt);
    }

    [Fact]
    public async Task Make_ChangedVoice_IsRefusedAsBadInputBeforeAnyRunIsRecorded()
    {
        Store().LockVoice("space", VoiceFingerprint.Of(Channel(165).Voice), LockedAt);
        var maker = new VideoMaker(new PipelineAgentsFactory(null, TimeProvider.System), NullLoggerFactory.Instance, TimeProvider.System);
        var options = new MakeOptions { ChannelPath = "c.json", BriefPath = "b.md", OutDirectory = Out, McpConfigPath = _dir.Combine("no-such-mcp.json") };
        var brief = new Brief("Moon", ["The Moon is drifting away."], null, []);

        var make = await Assert.ThrowsAsync<InvalidInputException>(() => maker.MakeAsync(Channel(175), brief, options, new SilentRunProgress(), CancellationToken.None));
        var plan = await Assert.ThrowsAsync<InvalidInputException>(() => maker.PlanAsync(Channel(175), brief, options with { DryRun = true }, new SilentRunProgress(), CancellationToken.None));

        Assert.Contains("run `aivideo channel accept-voice space`", make.Message);
        Assert.Equal(make.Message, plan.Message);
        Assert.Empty(Store().ListRuns());
    }

    private async Task<(int Code, string Stdout, string Stderr)> CliAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new CliApp(stdout, stderr, NullLoggerFactory.Instance).RunAsync(args, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private string ChannelFile(int rate)
    {
        var path = _dir.Combine($"space-{rate}.json");
        var sample = File.ReadAllText(Path.Combine(RepoRoot(), "samples", "channels", "space-facts.json"));
        File.WriteAllText(path, sample.Replace("\"rate\": 165", $"\"rate\": {rate}", StringComparison.Ordinal));
        return path;
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "samples", "channels", "space-facts.json"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }

    [Fact]
    public async Task AcceptVoiceCommand_ChangedVoice_RecordsItOnceAndTheLockAllowsIt()
    {
        var sample = new Core.Channels.ChannelProfileLoader().Load(ChannelFile(165));
        Store().LockVoice(sample.Id, VoiceFingerprint.Of(sample.Voice), LockedAt);
        var changed = ChannelFile(175);

        var first = await CliAsync("channel", "accept-voice", sample.Id, "--channel", changed, "--out", Out);
        var again = await CliAsync("channel", "accept-voice", sample.Id, "--channel", changed, "--out", Out);
        var show = await CliAsync("channel", "voice", sample.Id, "--channel", changed, "--out", Out);

        Assert.True(first.Code == 0, first.Stderr);
        Assert.Contains("accepted voice", first.Stdout);
        Assert.Contains("rate 175 wpm", first.Stdout);
        Assert.Contains("locked: espeak voice en-us, rate 165 wpm", first.Stdout);
        Assert.Equal(0, again.Code);
        Assert.Contains("was already accepted", again.Stdout);
        Assert.Equal(2, Store().ChannelVoices(sample.Id).Count);
        Assert.Null(VoiceLock.Problem(Store().ChannelVoices(sample.Id), new Core.Channels.ChannelProfileLoader().Load(changed)));
        Assert.Contains("accepted", show.Stdout);
        Assert.Contains("allowed", show.Stdout);
    }

    [Fact]
    public async Task AcceptVoiceCommand_UnknownChannel_ExitsWithBadInput()
    {
        var (code, _, stderr) = await CliAsync("channel", "accept-voice", "no-such-channel", "--out", Out);

        Assert.Equal(2, code);
        Assert.Contains("unknown channel 'no-such-channel'", stderr);
    }

    public void Dispose() => _dir.Dispose();
}
