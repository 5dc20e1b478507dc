using AiVideo.Core.Gates;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>
/// Drift gate: each newly rendered shot is compared with the channel reference. Shots under the channel's threshold
/// loop back to render with the next attempt number; after <c>MaxRerenders</c> re-renders the run is dead-lettered.
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
        foreach (var id in rendered.RenderedShotIds)
        {
            var shot = shots[id];
            var similarity = await tools.ShotSimilarityAsync(shot.ClipPath, settings.Seed, settings.ReferenceImage, cancellationToken).ConfigureAwait(false);
            shots[id] = shot with { Similarity = similarity.Similarity };
            var result = gate.Evaluate(id, similarity.Similarity, settings.DriftThreshold, shot.Attempt);
            journal.Gate(result);
            if (result.Passed) continue;
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
