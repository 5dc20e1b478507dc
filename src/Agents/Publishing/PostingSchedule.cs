using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.Agents.Publishing;

/// <summary>A channel's posting windows ("HH:mm", UTC) and the next one after a moment.</summary>
public sealed class PostingSchedule(TimeProvider time)
{
    public DateTimeOffset Now => time.GetUtcNow();

    /// <summary>The earliest window start at or after now; now itself when the channel has no windows.</summary>
    public DateTimeOffset Next(ChannelProfile channel) => Candidates(channel).FirstOrDefault(Now);

    /// <summary>True when <paramref name="at"/> is one of the channel's windows within the next 7 days (or the channel has none and it is not in the past).</summary>
    public bool IsAllowed(ChannelProfile channel, DateTimeOffset at)
    {
        var windows = Windows(channel);
        if (at < Now.AddMinutes(-1) || at > Now.AddDays(7)) return false;
        return windows.Count == 0 || windows.Contains(new TimeOnly(at.UtcDateTime.Hour, at.UtcDateTime.Minute));
    }

    private IEnumerable<DateTimeOffset> Candidates(ChannelProfile channel)
    {
        var now = Now;
        var windows = Windows(channel);
        for (var day = 0; day <= 1; day++)
        {
            var date = DateOnly.FromDateTime(now.UtcDateTime).AddDays(day);
            foreach (var window in windows)
            {
                var at = new DateTimeOffset(date.ToDateTime(window), TimeSpan.Zero);
                if (at >= now) yield return at;
            }
        }
    }

    private static List<TimeOnly> Windows(ChannelProfile channel) =>
        channel.PostingTimes
            .Select(t => TimeOnly.TryParseExact(t, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var w) ? w : (TimeOnly?)null)
            .OfType<TimeOnly>()
            .Order()
            .ToList();
}
