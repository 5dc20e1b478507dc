using AiVideo.Core.Gates;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>
/// Gate between ideation and voice: schema, exact brand spellings, banned words. A failing script goes back to the
/// writer with the gate's reasons, at most <see cref="MaxRewrites"/> times, then the run is dead-lettered.
/// </summary>
[SendsMessage(typeof(ScriptApproved)), SendsMessage(typeof(ScriptRevisionRequested))]
public sealed class ScriptGateExecutor(RunContext run, RunJournal journal, ScriptGate gate)
    : PipelineExecutor("script_gate", "script_gate")
{
    public const int MaxRewrites = 2;

    protected override Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var draft = Expect<ScriptDrafted>(message);
        using var _ = journal.Step(StepName);
        var attempt = journal.Steps.First(s => s.Name == StepName).Attempts;
        var results = gate.Evaluate(draft.ScriptJson, run.Channel, out var script);
        foreach (var r in results) journal.Gate(r);
        var failed = results.FirstOrDefault(r => !r.Passed);
        if (failed is null || (!run.GatesEnforced && script is not null))
        {
            journal.ScriptApproved(script!, draft.Writer);
            return Task.FromResult<PipelineMessage>(new ScriptApproved(new ProductionState { Script = script }));
        }
        PipelineMessage next = attempt <= MaxRewrites
            ? new ScriptRevisionRequested(results.Where(r => !r.Passed).Select(r => r.Reason).ToList(), script)
            : new RunFailed(StepName, $"{failed.Reason} (after {MaxRewrites} rewrite(s))");
        return Task.FromResult(next);
    }
}
