using AiVideo.Core.Gates;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>
/// Drift gate: each newly rendered shot is compared with the channel reference. Shots under the channel's threshold
/// loop back to render with the next attempt number; after <c>MaxRerenders</c> re-renders the run is dead-lettered.
/// Only generated shots are measured (<see cref="Core.Domain.VisualSources.IsGenerated"/>): the channel reference is the
/// look the renderer draws in, and footage from the operator's library is not drawn in it, so re-rendering it could
/// never bring it closer. A library shot passes with a note saying it was not measured.
/// </summary>
[SendsMessage(typeof(ShotsApproved)), SendsMessage(typeof(RenderRequested))]
public sealed class DriftGateExecutor(RunContext run, RunJournal journal, IMediaTools tools, DriftGate gate)
    : PipelineExecutor("drift_gate", "drift_gate")
{
    protected override async Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var rendered = Expect<ShotsRendered>(message);
        var state = rendered.State;
        var settings = run.Channel.Render;
        var shots = new Dictionary<string, Core.Domain.RenderedShot>(state.Shots);
        var retry = new Dictionary<string, int>();
        using var _ = journal.Step(StepName);
        var generated = rendered.RenderedShotIds.Where(id => Core.Domain.VisualSources.IsGenerated(shots[id].Source)).ToList();
        foreach (var id in rendered.RenderedShotIds.Except(generated))
        {
            journal.Gate(Core.Domain.GateResult.Pass($"{GateNames.ShotDrift}:{id}",
                $"not measured: {shots[id].Source} footage is the operator's own picture, not drawn in the channel look (drift applies to generated sources)"));
        }
        var measured = new (string Id, double Similarity)[generated.Count];
        await Parallel.ForEachAsync(generated.Select((id, i) => (id, i)),
            new ParallelOptions { MaxDegreeOfParallelism = run.RenderConcurrency, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                try
                {
                    var result = await tools.ShotSimilarityAsync(shots[item.id].ClipPath, settings.Seed, settings.ReferenceImage, ct).ConfigureAwait(false);
                    measured[item.i] = (item.id, result.Similarity);
                }
                catch (Mcp.ToolCallException ex) when (!ex.IsTransient)
                {
                    // An unreadable clip (empty, cut short) is as far from the reference as a clip can be: re-render it.
                    journal.Progress.Info($"shot {item.id}: clip unreadable ({ex.ToolMessage}); scored 0");
                    measured[item.i] = (item.id, 0);
                }
            }).ConfigureAwait(false);

        foreach (var (id, similarity) in measured)
        {
            var shot = shots[id] with { Similarity = similarity };
            shots[id] = shot;
            var result = gate.Evaluate(id, similarity, settings.DriftThreshold, shot.Attempt);
            journal.Gate(result);
            if (result.Passed || !run.GatesEnforced) continue;
            if (shot.Attempt > settings.MaxRerenders)
            {
                return new RunFailed(StepName, $"{result.Reason}; gave up after {settings.MaxRerenders} re-render(s)");
            }
            retry[id] = shot.Attempt + 1;
        }
        var next = state with { Shots = shots };
        return retry.Count > 0 ? new RenderRequested(next, retry) : new ShotsApproved(next);
    }
}
