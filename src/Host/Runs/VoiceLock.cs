using System.Globalization;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Host.Runs.Store;

namespace AiVideo.Host.Runs;

/// <summary>
/// The voice lock's decision for a run about to start: a channel that published with one voice never switches voices
/// silently. Allowed when the channel has no lock yet, when the current voice is the locked one, or when exactly the
/// current voice was accepted (<c>aivideo channel accept-voice</c>); otherwise refused as bad input, before anything runs.
/// </summary>
public static class VoiceLock
{
    /// <summary>The reason the channel's current voice may not be used, or null when it may.</summary>
    public static string? Problem(IReadOnlyList<ChannelVoiceRecord> records, ChannelProfile channel)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(channel);
        if (records.FirstOrDefault(r => r.LockedAt is not null) is not { } locked) return null;
        var current = VoiceFingerprint.Of(channel.Voice);
        if (locked.Fingerprint == current.Hash || records.Any(r => r.AcceptedAt is not null && r.Fingerprint == current.Hash)) return null;
        var on = locked.LockedAt!.Value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return $"channel {channel.Id}'s voice changed since its first published video (locked: {locked.Description} on {on}; now: {current.Description}); "
            + $"run `aivideo channel accept-voice {channel.Id}` to accept the new voice";
    }

    /// <summary>Throws <see cref="InvalidInputException"/> (exit 2) when the store refuses the channel's current voice.</summary>
    public static void Enforce(RunStore store, ChannelProfile channel)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (Problem(store.ChannelVoices(channel.Id), channel) is { } problem) throw new InvalidInputException(problem);
    }

    /// <summary>The store file in <paramref name="outDirectory"/> refuses the channel's voice (no store: nothing locked, nothing created).</summary>
    public static void EnforceIfStoreExists(string outDirectory, ChannelProfile channel)
    {
        var path = Path.Combine(Path.GetFullPath(outDirectory), RunStore.FileName);
        if (File.Exists(path)) Enforce(new RunStore(path), channel);
    }
}
