using AiVideo.Agents.Decisions;
using AiVideo.Core.Domain;

namespace AiVideo.Host.Pipeline;

/// <summary>Where a journal writes through to, so a run's history survives the process (the run store).</summary>
public interface IRunRecorder
{
    void Step(string step, int ordinal, int attempts, long elapsedMs);

    void Gate(GateResult gate);

    void Decision(AgentDecision decision);

    /// <summary>The workflow reached its end with this outcome (before the report is written and the run marked finished).</summary>
    void Outcome(RunOutcome outcome);
}

public sealed class NullRunRecorder : IRunRecorder
{
    public static NullRunRecorder Instance { get; } = new();

    public void Step(string step, int ordinal, int attempts, long elapsedMs)
    {
    }

    public void Gate(GateResult gate)
    {
    }

    public void Decision(AgentDecision decision)
    {
    }

    public void Outcome(RunOutcome outcome)
    {
    }
}
