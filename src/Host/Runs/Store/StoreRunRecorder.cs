using AiVideo.Agents.Decisions;
using AiVideo.Core.Domain;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Runs.Store;

/// <summary>Writes a run's journal through to the run store as it happens.</summary>
public sealed class StoreRunRecorder(RunStore store, string runId) : IRunRecorder
{
    public void Step(string step, int ordinal, int attempts, long elapsedMs) => store.RecordStep(runId, step, ordinal, attempts, elapsedMs);

    public void Gate(GateResult gate) => store.RecordGate(runId, gate);

    public void Decision(AgentDecision decision) => store.RecordDecision(runId, decision);

    public void Outcome(RunOutcome outcome) => store.RecordOutcome(runId, outcome);
}
