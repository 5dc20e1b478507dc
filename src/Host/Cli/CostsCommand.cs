using System.CommandLine;
using System.Globalization;
using System.Text.RegularExpressions;
using AiVideo.Core;
using AiVideo.Core.CommandLine;
using AiVideo.Core.Domain;
using AiVideo.Host.Runs.Store;

namespace AiVideo.Host.Cli;

/// <summary>
/// <c>aivideo costs [--channel ID] [--month YYYY-MM] [--by day|run] [--out DIR]</c>: the cost ledger of one UTC month
/// (default: this one) read back from &lt;out&gt;/aivideo.db — per channel, per day (or run) and provider: calls,
/// estimated, actual, reserved-open, refused — with each channel's totals against its caps. Read only.
/// Exit 0, or 2 on bad input (a malformed month or channel id, no run store in the folder).
/// </summary>
public sealed partial class CostsCommand(TextWriter stdout, TimeProvider time)
{
    public static Command Command(Func<CostsCommand> create)
    {
        var channel = CliOptions.Value<string?>("--channel", "ID", "only this channel", (text, result) =>
            ChannelId().IsMatch(text) ? text : CliOptions.Fail<string?>(result, $"--channel must be a channel id (1–48 characters of a-z, 0-9, '-' or '_'), got '{text}'"));
        var month = CliOptions.Value<string?>("--month", "YYYY-MM", "the UTC month (default: this one)", (text, result) =>
            DateTime.TryParseExact(text, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
                ? text
                : CliOptions.Fail<string?>(result, $"--month must be YYYY-MM (e.g. 2026-12), got '{text}'"));
        var by = CliOptions.OneOf("--by", "one line per provider and UTC day (default) or per run", ["day", "run"]);
        var outDir = CliOptions.Text("--out", "DIR", "the output folder holding aivideo.db (default out)");
        var command = new Command("costs", "the cost ledger: calls, estimated, actual and reserved cost per provider, against the channel's caps") { channel, month, by, outDir };
        command.SetAction((result, _) => create().RunAsync(result.GetValue(outDir) ?? "out", result.GetValue(channel), result.GetValue(month), result.GetValue(by) == "run"));
        return command;
    }

    public async Task<int> RunAsync(string outDir, string? channelId, string? month, bool byRun)
    {
        var path = Path.Combine(Path.GetFullPath(outDir), RunStore.FileName);
        if (!File.Exists(path)) throw new InvalidInputException($"no run store in '{outDir}' ({path} does not exist); pass the --out folder your runs used");
        var store = new RunStore(path);
        month ??= time.GetUtcNow().ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var rows = store.CostRows(month, channelId, byRun);
        await stdout.WriteLineAsync($"costs in {month} (UTC) from {store.DatabasePath}; USD; estimated = reserved before each call, actual = what the provider reported").ConfigureAwait(false);
        if (rows.Count == 0)
        {
            await stdout.WriteLineAsync($"no provider calls{(channelId is null ? "" : $" for channel {channelId}")} in {month}").ConfigureAwait(false);
            return 0;
        }
        await stdout.WriteLineAsync(Invariant($"{"channel",-16} {(byRun ? "run" : "day"),-22} {"provider",-16} {"calls",5} {"estimated",11} {"actual",11} {"reserved-open",13} {"refused",7}")).ConfigureAwait(false);
        foreach (var channel in rows.GroupBy(r => r.ChannelId, StringComparer.Ordinal))
        {
            foreach (var row in channel) await stdout.WriteLineAsync(Line(row.ChannelId, row.Group, row.Provider, row.Totals)).ConfigureAwait(false);
            var total = channel.Aggregate(CostTotals.Zero, (sum, r) => sum.Plus(r.Totals));
            await stdout.WriteLineAsync(Line(channel.Key, "total", "", total)).ConfigureAwait(false);
            await stdout.WriteLineAsync(CapsLine(store, channel.Key, month, total)).ConfigureAwait(false);
        }
        return 0;
    }

    private static string Line(string channel, string group, string provider, CostTotals t) =>
        Invariant($"{channel,-16} {group,-22} {provider,-16} {t.Calls,5} {Usd(t.EstimatedUsd),11} {Usd(t.ActualUsd),11} {Usd(t.ReservedOpenUsd),13} {t.Refused,7}");

    /// <summary>The channel's caps against the month's committed total, its busiest day and its most expensive run.</summary>
    private static string CapsLine(RunStore store, string channelId, string month, CostTotals total)
    {
        if (store.LastCaps(channelId) is not { } caps) return $"  caps of {channelId}: unknown (no reservation recorded them)";
        static decimal Committed(CostTotals t) => t.ActualUsd + t.ReservedOpenUsd;
        var busiestDay = store.CostRows(month, channelId, byRun: false).GroupBy(r => r.Group).Select(g => g.Sum(r => Committed(r.Totals))).DefaultIfEmpty(0).Max();
        var costliestRun = store.CostRows(month, channelId, byRun: true).GroupBy(r => r.Group).Select(g => g.Sum(r => Committed(r.Totals))).DefaultIfEmpty(0).Max();
        var monthCommitted = Committed(total);
        return $"  caps of {channelId}: video {Cap(caps.MaxCostUsdPerVideo)} (costliest run {Usd(costliestRun)}) · day {Cap(caps.MaxCostUsdPerDay)} (busiest day {Usd(busiestDay)}) · "
            + $"month {Cap(caps.MaxCostUsdPerMonth)} ({Usd(monthCommitted)} committed{(caps.MaxCostUsdPerMonth is { } m ? $", {Usd(Math.Max(0, m - monthCommitted))} left" : "")})";
    }

    private static string Usd(decimal usd) => Invariant($"${usd:0.000000}");

    private static string Cap(decimal? cap) => cap is { } c ? Invariant($"${c:0.00####}") : "none";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex("^[a-z0-9_-]{1,48}$")]
    private static partial Regex ChannelId();
}
