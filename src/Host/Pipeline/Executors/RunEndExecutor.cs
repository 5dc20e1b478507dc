using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>The one place a run ends: published, partially published, or dead-lettered with the failing step and reason.</summary>
[YieldsOutput(typeof(RunOutcome))]
public sealed class RunEndExecutor(RunJournal journal) : Executor<PipelineMessage>("end")
{
    public override async ValueTask HandleAsync(PipelineMessage message, IWorkflowContext context, CancellationToken cancellationToken = default)
    {
        var outcome = message switch
        {
            RunPublished p => RunOutcome.Success(p.State.Video!, p.Live) with { Shots = Ordered(p.State) },
            RunPartiallyPublished p => RunOutcome.Partial(p.State.Video, p.Live, p.Missing) with { Shots = Ordered(p.State) },
            RunFailed f => RunOutcome.DeadLettered(f.Step, f.Reason, f.Missing),
            _ => RunOutcome.DeadLettered("end", $"unexpected message {message.GetType().Name}"),
        };
        journal.Ended(outcome);
        if (!outcome.Published)
        {
            journal.Progress.Info(outcome.PartiallyPublished ? $"partially published: {outcome.Reason}" : $"dead-lettered at {outcome.FailedStep}: {outcome.Reason}");
        }
        await context.YieldOutputAsync(outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The rendered shots in script order.</summary>
    private static IReadOnlyList<Core.Domain.RenderedShot> Ordered(ProductionState state) =>
        (state.Script?.Shots ?? []).Where(s => state.Shots.ContainsKey(s.Id)).Select(s => state.Shots[s.Id]).ToList();
}
