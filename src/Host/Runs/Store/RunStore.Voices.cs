using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Host.Runs.Store;

/// <summary>
/// The voice lock (<c>channel_voices</c>, schema v5): the voice each channel published its first video with, and the
/// changed voices the operator accepted since (<c>aivideo channel accept-voice</c>).
/// </summary>
public sealed partial class RunStore
{
    /// <summary>Records <paramref name="voice"/> as the channel's locked voice, unless it already has one (the first published video wins).</summary>
    /// <returns>Whether this call locked it.</returns>
    public bool LockVoice(string channelId, VoiceFingerprint voice, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(voice);
        using var write = _writes.EnterScope();
        var c = Writer();
        using var tx = c.BeginTransaction(deferred: false);
        if (Scalar(c, tx, "SELECT 1 FROM channel_voices WHERE channel_id = $ch AND locked_at IS NOT NULL", ("$ch", channelId)) is not null) return false;
        Exec(c, """
            INSERT INTO channel_voices (channel_id, fingerprint, description, locked_at) VALUES ($ch, $fp, $desc, $at)
            ON CONFLICT (channel_id, fingerprint) DO UPDATE SET locked_at = $at
            """, tx, ("$ch", channelId), ("$fp", voice.Hash), ("$desc", voice.Description), ("$at", Iso(at)));
        tx.Commit();
        return true;
    }

    /// <summary>Records <paramref name="voice"/> as accepted for the channel; an existing acceptance keeps its first timestamp.</summary>
    /// <returns>Whether this call recorded it (false: already accepted).</returns>
    public bool AcceptVoice(string channelId, VoiceFingerprint voice, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(voice);
        using var write = _writes.EnterScope();
        var c = Writer();
        return Exec(c, """
            INSERT INTO channel_voices (channel_id, fingerprint, description, accepted_at) VALUES ($ch, $fp, $desc, $at)
            ON CONFLICT (channel_id, fingerprint) DO UPDATE SET accepted_at = $at WHERE accepted_at IS NULL
            """, null, ("$ch", channelId), ("$fp", voice.Hash), ("$desc", voice.Description), ("$at", Iso(at))) > 0;
    }

    /// <summary>The channel's locked voice and accepted voices, the lock first, then acceptances oldest first.</summary>
    public IReadOnlyList<ChannelVoiceRecord> ChannelVoices(string channelId)
    {
        using var c = Open();
        using var cmd = Command(c, """
            SELECT fingerprint, description, locked_at, accepted_at FROM channel_voices WHERE channel_id = $ch
            ORDER BY locked_at IS NULL, accepted_at, fingerprint
            """, null, ("$ch", channelId));
        using var r = cmd.ExecuteReader();
        var list = new List<ChannelVoiceRecord>();
        DateTimeOffset? At(int i) => r.IsDBNull(i) ? null : DateTimeOffset.Parse(r.GetString(i), CultureInfo.InvariantCulture);
        while (r.Read()) list.Add(new ChannelVoiceRecord(r.GetString(0), r.GetString(1), At(2), At(3)));
        return list;
    }

    private static string Iso(DateTimeOffset at) => at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);
}

/// <summary>One row of <c>channel_voices</c>: the locked voice (<see cref="LockedAt"/>) and/or an accepted one (<see cref="AcceptedAt"/>).</summary>
public sealed record ChannelVoiceRecord(string Fingerprint, string Description, DateTimeOffset? LockedAt, DateTimeOffset? AcceptedAt);
