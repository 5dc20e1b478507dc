using AiVideo.Core.Gates;
using Microsoft.Agents.AI.Workflows;

namespace AiVideo.Host.Pipeline.Executors;

/// <summary>Gate between ideation and voice: schema, exact brand spellings, banned words.</summary>
[SendsMessage(typeof(ScriptApproved))]
public sealed class ScriptGateExecutor(RunContext run, RunJournal journal, ScriptGate gate)
    : PipelineExecutor("script_gate", "script_gate")
{
    protected override Task<PipelineMessage> ProcessAsync(PipelineMessage message, CancellationToken cancellationToken)
    {
        var draft = Expect<ScriptDrafted>(message);
        using var _ = journal.Step(StepName);
        var results = gate.Evaluate(draft.ScriptJson, run.Channel, out var script);
        foreach (var r in results) journal.Gate(r);
        var failed = results.FirstOrDefault(r => !r.Passed);
        if (failed is null)
        {
            journal.ScriptApproved(script!, draft.Writer);
        }
        PipelineMessage next = failed is null
            ? new ScriptApproved(new ProductionState { Script = script })
            : new RunFailed(StepName, failed.Reason);
        return Task.FromResult(next);
    }
}
