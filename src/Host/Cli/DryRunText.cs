using System.Globalization;
using AiVideo.Core.Domain;
using AiVideo.Host.Costs;

namespace AiVideo.Host.Cli;

/// <summary>The text <c>make --dry-run</c> prints: the script, each shot's source and quote, the estimate per provider and the caps.</summary>
public static class DryRunText
{
    public static async Task WriteAsync(DryRunPlan plan, TextWriter output)
    {
        foreach (var line in Lines(plan)) await output.WriteLineAsync(line).ConfigureAwait(false);
    }

    public static IEnumerable<string> Lines(DryRunPlan plan)
    {
        yield return $"dry run for channel {plan.Channel}: nothing rendered, voiced, reserved or published (prices are the providers' own quotes)";
        if (plan.Script is not { } script)
        {
            yield return $"script: none passed the script gate ({string.Join("; ", plan.ScriptProblems)})";
            yield break;
        }
        yield return $"script '{script.Title}' by the {plan.ScriptWriter} writer";
        foreach (var problem in plan.ScriptProblems) yield return $"  gate would ask for a rewrite: {problem}";
        yield return $"  hook: {script.Hook}";
        foreach (var beat in script.Beats) yield return $"  [{beat.ShotId}] {beat.Text}";
        yield return $"  cta: {script.Cta}";
        if (script.Hashtags.Count > 0) yield return $"  hashtags: {string.Join(' ', script.Hashtags)}";
        yield return "shots (planned lengths; the narration fixes the final ones):";
        foreach (var shot in plan.Shots)
        {
            var source = shot.Source is null ? "NO SOURCE within the caps: the run would dead-letter (budget)" : $"{shot.Source,-11} via {shot.Provider,-12} {Usd(shot.EstimateUsd)}";
            yield return Invariant($"  {shot.ShotId,-5} {shot.DurationSec,5:0.0} s  {source}  — {shot.Prompt}");
            foreach (var skipped in shot.Skipped) yield return $"        passed over {skipped}";
        }
        yield return "estimated cost per provider:";
        foreach (var p in plan.Providers) yield return Invariant($"  {p.Provider,-16} {p.Calls,3} call(s)  {Usd(p.EstimateUsd)}");
        foreach (var note in plan.NotPriced) yield return $"  {note}";
        yield return $"  total {Usd(plan.EstimatedUsd)} (a re-render after a drift failure costs its shot again)";
        yield return $"caps: video {Cap(plan.Caps.MaxCostUsdPerVideo)} — this video {Usd(plan.EstimatedUsd)}; "
            + $"day {Cap(plan.Caps.MaxCostUsdPerDay)} — {Usd(plan.Committed.Day)} already committed today; "
            + $"month {Cap(plan.Caps.MaxCostUsdPerMonth)} — {Usd(plan.Committed.Month)} this month (UTC)";
        yield return plan.FitsBudget ? "fits the budget: 'make' without --dry-run would reserve these estimates before each call" : "does NOT fit the budget: some shots have no source within the caps";
    }

    private static string Usd(decimal usd) => Invariant($"${usd:0.00####}");

    private static string Cap(decimal? cap) => cap is { } c ? Usd(c) : "none";

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
