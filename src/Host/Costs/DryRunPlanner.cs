using AiVideo.Agents.Scripts;
using AiVideo.Core.Costs;
using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using AiVideo.Host.Mcp;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Costs;

/// <summary>
/// <c>make --dry-run</c>: writes and gates the script, then asks every shot's price — render_shot with <c>dryRun</c>,
/// per visual source in the channel's order, the first whose quote fits the caps is the one a real run would use —
/// without rendering, voicing, publishing or reserving anything. Shot lengths are the script's planned ones (the
/// narration fixes the real lengths). Re-renders after a drift failure would cost more; they are not predicted.
/// </summary>
public sealed class DryRunPlanner(IScriptWriter writer, IMediaTools tools, ScriptGate gate)
{
    public const string RunId = "dry-run";

    /// <param name="committed">What the channel has already spent or reserved today and this month (the run store, read only).</param>
    public async Task<DryRunPlan> PlanAsync(ChannelProfile channel, Brief brief, VideoSize size, int fps, CommittedSpend committed, CancellationToken cancellationToken)
    {
        var json = await writer.WriteAsync(new ScriptRequest(brief, channel), cancellationToken).ConfigureAwait(false);
        var results = gate.Evaluate(json, channel, out var script);
        var plan = new DryRunPlan
        {
            Channel = channel.Id,
            Title = script?.Title ?? brief.Title,
            Script = script,
            ScriptWriter = writer.Name,
            ScriptProblems = results.Where(r => !r.Passed).Select(r => r.Reason).ToList(),
            Caps = channel.Budget,
            Committed = committed,
            NotPriced = [channel.Voice.Provider == AiVideo.Core.Providers.VoiceProviderNames.Espeak
                ? "synthesize_speech: the embedded espeak-ng voice is free"
                : $"synthesize_speech on {channel.Voice.Provider}: priced per character when the narration is made (quoted, reserved against the caps and settled like a render); not counted here"],
        };
        if (script is null) return plan;

        var shots = new List<PlannedShot>();
        var planned = 0m;
        foreach (var shot in script.Shots)
        {
            var skipped = new List<string>();
            PlannedShot? chosen = null;
            foreach (var source in channel.Visuals.Sources)
            {
                RenderShotToolResult quote;
                try
                {
                    quote = await tools.RenderShotAsync(Quote(channel, shot, source, size, fps), NoProgress.Instance, cancellationToken).ConfigureAwait(false);
                }
                catch (ToolCallException ex) when (!ex.IsTransient)
                {
                    skipped.Add($"{source}: unavailable ({ex.ToolMessage})");
                    continue;
                }
                var spent = new CommittedSpend(committed.Video + planned, committed.Day + planned, committed.Month + planned);
                if (BudgetCheck.Check(channel.Budget, spent, quote.CostUsd) is { } breach)
                {
                    skipped.Add($"{source}: {breach.Describe()}");
                    continue;
                }
                planned += quote.CostUsd;
                chosen = new PlannedShot(shot.Id, shot.Prompt, shot.DurationSec, source, quote.Provider, quote.CostUsd, skipped);
                break;
            }
            shots.Add(chosen ?? new PlannedShot(shot.Id, shot.Prompt, shot.DurationSec, null, null, 0, skipped));
        }
        var providers = shots.Where(s => s.Provider is not null).GroupBy(s => s.Provider!, StringComparer.Ordinal)
            .Select(g => new ProviderEstimate(g.Key, g.Count(), g.Sum(s => s.EstimateUsd))).OrderBy(p => p.Provider, StringComparer.Ordinal).ToList();
        return plan with { Shots = shots, Providers = providers, EstimatedUsd = planned };
    }

    private static ShotRenderCall Quote(ChannelProfile channel, ShotSpec shot, string source, VideoSize size, int fps) =>
        new(shot, channel.Render.Seed, shot.DurationSec, size.ShotSize(), fps, 1, $"runs/{RunId}/shots/{shot.Id}-a1.mp4")
        {
            Source = source,
            ChannelId = channel.Id,
            RunId = RunId,
            DryRun = true,
        };

    private sealed class NoProgress : IProgress<double>
    {
        public static readonly NoProgress Instance = new();

        public void Report(double value)
        {
        }
    }
}
