using System.CommandLine;
using System.Globalization;
using AiVideo.Core;
using AiVideo.Core.Channels;
using AiVideo.Core.CommandLine;
using AiVideo.Core.Domain;
using AiVideo.Host.Runs;
using AiVideo.Host.Runs.Store;

namespace AiVideo.Host.Cli;

/// <summary>
/// <c>aivideo channel accept-voice ID [--channel FILE] [--out DIR]</c>: accepts the channel's current voice (from its
/// channel file) after the voice lock refused it, recorded with a timestamp in &lt;out&gt;/aivideo.db; idempotent.
/// <c>aivideo channel voice ID [--channel FILE] [--out DIR]</c>: the lock, the acceptances and whether the current voice
/// may run. Exit 0, or 2 on bad input (an unknown channel, a channel file of another channel).
/// </summary>
public sealed class ChannelCommand(TextWriter stdout, TimeProvider time)
{
    public static Command Command(Func<ChannelCommand> create)
    {
        var command = new Command("channel", "a channel's voice lock: show it, accept a changed voice");
        command.Add(Sub("accept-voice", "accept the channel's current voice (after the voice lock refused a run)", (c, id, file, outDir) => c.AcceptAsync(id, file, outDir)));
        command.Add(Sub("voice", "the channel's locked voice, accepted changes and its current voice", (c, id, file, outDir) => c.ShowAsync(id, file, outDir)));
        return command;

        Command Sub(string name, string description, Func<ChannelCommand, string, string?, string, Task<int>> run)
        {
            var id = CliOptions.Argument<string>("ID", "the channel id");
            var channelFile = CliOptions.Text("--channel", "FILE", "the channel file (default: the channel with this id in ./channels or ./samples/channels)");
            var outDir = CliOptions.Text("--out", "DIR", "the output folder holding aivideo.db (default out)");
            var sub = new Command(name, description) { id, channelFile, outDir };
            sub.SetAction((result, _) => run(create(), result.GetValue(id)!, result.GetValue(channelFile), result.GetValue(outDir) ?? "out"));
            return sub;
        }
    }

    public async Task<int> AcceptAsync(string channelId, string? channelFile, string outDir)
    {
        var channel = Resolve(channelId, channelFile);
        var store = RunStore.ForOutput(outDir);
        var current = VoiceFingerprint.Of(channel.Voice);
        var records = store.ChannelVoices(channel.Id);
        var locked = records.FirstOrDefault(r => r.LockedAt is not null);
        if (locked is not null && locked.Fingerprint == current.Hash)
        {
            await stdout.WriteLineAsync($"channel {channel.Id}: the current voice is the locked one ({current.Description}); nothing to accept").ConfigureAwait(false);
            return 0;
        }
        var recorded = store.AcceptVoice(channel.Id, current, time.GetUtcNow());
        var was = locked is null ? "no voice locked yet (no published video)" : $"locked: {locked.Description} on {Day(locked.LockedAt)}";
        await stdout.WriteLineAsync(recorded
            ? $"channel {channel.Id}: accepted voice {current.Short} ({current.Description}); {was}"
            : $"channel {channel.Id}: voice {current.Short} ({current.Description}) was already accepted; {was}").ConfigureAwait(false);
        return 0;
    }

    public async Task<int> ShowAsync(string channelId, string? channelFile, string outDir)
    {
        var channel = Resolve(channelId, channelFile);
        var path = Path.Combine(Path.GetFullPath(outDir), RunStore.FileName);
        var records = File.Exists(path) ? new RunStore(path).ChannelVoices(channel.Id) : [];
        var current = VoiceFingerprint.Of(channel.Voice);
        await stdout.WriteLineAsync($"channel {channel.Id} voice lock ({path})").ConfigureAwait(false);
        if (records.FirstOrDefault(r => r.LockedAt is not null) is { } locked)
        {
            await stdout.WriteLineAsync($"  locked    {locked.Fingerprint[..12]}  {Day(locked.LockedAt)}  {locked.Description}").ConfigureAwait(false);
        }
        else
        {
            await stdout.WriteLineAsync("  locked    none (the first published video locks the voice)").ConfigureAwait(false);
        }
        foreach (var accepted in records.Where(r => r.AcceptedAt is not null))
        {
            await stdout.WriteLineAsync($"  accepted  {accepted.Fingerprint[..12]}  {Day(accepted.AcceptedAt)}  {accepted.Description}").ConfigureAwait(false);
        }
        var problem = VoiceLock.Problem(records, channel);
        await stdout.WriteLineAsync($"  current   {current.Short}  {(problem is null ? "allowed" : "REFUSED")}  {current.Description}").ConfigureAwait(false);
        if (problem is not null) await stdout.WriteLineAsync($"  {problem}").ConfigureAwait(false);
        return 0;
    }

    private static ChannelProfile Resolve(string channelId, string? channelFile)
    {
        if (channelFile is null) return new ChannelDirectory().Resolve(channelId).Channel;
        if (!File.Exists(channelFile)) throw new InvalidInputException($"channel file '{channelFile}' does not exist");
        var channel = new ChannelProfileLoader().Load(channelFile);
        return channel.Id == channelId ? channel : throw new InvalidInputException($"channel file '{channelFile}' is channel '{channel.Id}', not '{channelId}'");
    }

    private static string Day(DateTimeOffset? at) => at?.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "";
}
