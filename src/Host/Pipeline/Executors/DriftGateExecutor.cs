using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>
/// Drift gate: each newly rendered shot is checked in the way that fits its source, and a shot that fails loops back to
/// render with the next attempt number; after <c>MaxRerenders</c> re-renders the run is dead-lettered.
/// <list type="bullet">
/// <item>Procedural shots: colour-histogram similarity to the channel reference (as always) against <c>render.driftThreshold</c>.</item>
/// <item>Cloud-generated shots (kling, runway, veo): similarity to the channel's <c>render.referenceImage</c>, or — when
/// none is configured — to the run's first accepted generated shot, which passes by definition and is kept in
/// <see cref="ProductionState.DriftReference"/> (checkpointed, so a resume measures against the same clip). The Render
/// server measures them by image embeddings when it has a provider, by histogram otherwise (its note is logged).</item>
/// <item>Found footage (library, pexels, pixabay): never the histogram — relevance of the pick and technical sanity
/// (not black, not frozen, the shot size) through <see cref="FootageGate"/>; its drift gate passes "not measured".</item>
/// </list>
/// </summary>
[SendsMessage(typeof(ShotsApproved)), SendsMessage(typeof(RenderRequested))]
public sealed class DriftGateExecutor(RunContext run, RunJournal journal, IMediaTools tools, DriftGate gate, FootageGate? footageGate = null)
    : PipelineExecutor("drift_gate", "drift_gate")
{
    private readonly FootageGate _footageGate = footageGate ?? new FootageGate();

    private enum Check { Histogram, Generated, Footage }

    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var rendered = Expect<ShotsRendered>(message);
        var state = rendered.State;
        var settings = run.Channel.Render;
        var shots = new Dictionary<string, RenderedShot>(state.Shots);
        var retry = new Dictionary<string, int>();
        using var _ = journal.Step(StepName);

        var ids = InScriptOrder(state, rendered.RenderedShotIds);
        var reference = string.IsNullOrWhiteSpace(settings.ReferenceImage) ? state.DriftReference : settings.ReferenceImage;
        string? adopted = null;
        if (reference is null && ids.FirstOrDefault(id => VisualSources.IsCloudGenerator(shots[id].Source)) is { } first)
        {
            adopted = first;
            reference = shots[first].ClipPath;
        }

        var checks = ids.Where(id => id != adopted).Select(id => (Id: id, Check: CheckOf(shots[id].Source))).Where(c => c.Check is not null).ToList();
        var verdicts = new Dictionary<string, (GateResult Gate, double? Similarity)>();
        var measured = new (string Id, GateResult Gate, double? Similarity)[checks.Count];
        await Parallel.ForEachAsync(checks.Select((c, i) => (c.Id, c.Check!.Value, i)),
            new ParallelOptions { MaxDegreeOfParallelism = run.RenderConcurrency, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                var (id, check, i) = item;
                var shot = shots[id];
                var (verdict, similarity) = check == Check.Footage
                    ? (await CheckFootageAsync(shot, ct).ConfigureAwait(false), (double?)null)
                    : await MeasureDriftAsync(shot, check == Check.Histogram ? settings.ReferenceImage : reference, check == Check.Generated, ct).ConfigureAwait(false);
                measured[i] = (id, verdict, similarity);
            }).ConfigureAwait(false);
        foreach (var (id, verdict, similarity) in measured) verdicts[id] = (verdict, similarity);

        foreach (var id in ids)
        {
            var shot = shots[id];
            if (id == adopted)
            {
                shots[id] = shot with { Similarity = 1 };
                journal.Gate(gate.BecameReference(id, shot.Source, shot.ClipPath, shot.Attempt));
                continue;
            }
            if (!verdicts.TryGetValue(id, out var v))
            {
                journal.Gate(gate.NotMeasured(id, shot.Source));
                continue;
            }
            if (VisualSources.IsFound(shot.Source))
            {
                journal.Gate(gate.NotMeasured(id, shot.Source));
            }
            else
            {
                shots[id] = shot with { Similarity = v.Similarity };
            }
            journal.Gate(v.Gate);
            if (v.Gate.Passed || !run.GatesEnforced) continue;
            if (shot.Attempt > settings.MaxRerenders)
            {
                return new RunFailed(StepName, $"{v.Gate.Reason}; gave up after {settings.MaxRerenders} re-render(s)");
            }
            retry[id] = shot.Attempt + 1;
        }
        var next = state with { Shots = shots, DriftReference = adopted is null ? state.DriftReference : shots[adopted].ClipPath };
        return retry.Count > 0 ? new RenderRequested(next, retry) : new ShotsApproved(next);
    }

    private static Check? CheckOf(string source) =>
        VisualSources.IsCloudGenerator(source) ? Check.Generated
        : VisualSources.IsGenerated(source) ? Check.Histogram
        : VisualSources.IsFound(source) ? Check.Footage
        : null;

    private async Task<(GateResult, double?)> MeasureDriftAsync(RenderedShot shot, string? reference, bool generated, CancellationToken cancellationToken)
    {
        var settings = run.Channel.Render;
        double similarity;
        string? method = null;
        try
        {
            var result = await tools.ShotSimilarityAsync(shot.ClipPath, settings.Seed, reference, shot.Source, cancellationToken).ConfigureAwait(false);
            similarity = result.Similarity;
            if (generated)
            {
                method = result.Method;
                if (result.Note is { Length: > 0 } note) journal.Progress.Info($"shot {shot.ShotId}: {note}");
            }
        }
        catch (Mcp.ToolCallException ex) when (!ex.IsTransient)
        {
            // An unreadable clip (empty, cut short) is as far from the reference as a clip can be: re-render it.
            journal.Progress.Info($"shot {shot.ShotId}: clip unreadable ({ex.ToolMessage}); scored 0");
            similarity = 0;
        }
        return (gate.Evaluate(shot.ShotId, similarity, settings.DriftThreshold, shot.Attempt, method), similarity);
    }

    private async Task<GateResult> CheckFootageAsync(RenderedShot shot, CancellationToken cancellationToken)
    {
        var relevance = shot.Parts.Count > 0 ? shot.Parts[0].Score : null;
        try
        {
            var facts = await tools.CheckFootageAsync(shot.ClipPath, run.ShotSize, cancellationToken).ConfigureAwait(false);
            return _footageGate.Evaluate(shot.ShotId, shot.Source, relevance, new FootageFacts(facts.Width, facts.Height, facts.MeanLuma, facts.Frozen), run.ShotSize, shot.Attempt);
        }
        catch (Mcp.ToolCallException ex) when (!ex.IsTransient)
        {
            return _footageGate.Unreadable(shot.ShotId, shot.Source, ex.ToolMessage, shot.Attempt);
        }
    }

    /// <summary>The shots in the script's order (the first generated shot of the script becomes the reference), unknown ids last.</summary>
    private static List<string> InScriptOrder(ProductionState state, IReadOnlyList<string> ids)
    {
        var order = state.Script?.Shots.Select((s, i) => (s.Id, i)).ToDictionary(x => x.Id, x => x.i) ?? [];
        return ids.OrderBy(id => order.TryGetValue(id, out var i) ? i : int.MaxValue).ThenBy(id => id, StringComparer.Ordinal).ToList();
    }
}
