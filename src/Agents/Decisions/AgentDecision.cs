namespace AiVideo.Agents.Decisions;

/// <summary>
/// One decision an agent took in a run (a script accepted or repaired, a QA verdict, publish metadata), with the
/// tokens it cost when the provider reports them. Every one ends up in report.json.
/// </summary>
public sealed record AgentDecision(
    string Agent,
    string Subject,
    string Verdict,
    IReadOnlyList<string> Reasons,
    long? InputTokens,
    long? OutputTokens,
    string? Model);

/// <summary>Where agents record their decisions (the run journal in a pipeline run).</summary>
public interface IAgentDecisionSink
{
    void Record(AgentDecision decision);
}

/// <summary>Keeps decisions in memory; for callers outside a run.</summary>
public sealed class AgentDecisionList : IAgentDecisionSink
{
    private readonly List<AgentDecision> _decisions = [];
    private readonly Lock _lock = new();

    public IReadOnlyList<AgentDecision> Decisions
    {
        get { lock (_lock) return _decisions.ToList(); }
    }

    public void Record(AgentDecision decision)
    {
        lock (_lock) _decisions.Add(decision);
    }
}
