namespace AiVideo.Agents.Roles;

/// <summary>The outcome of one agent turn: the answer, tokens when the provider reports them, tool use.</summary>
public sealed record AgentTurn(string Text, long? InputTokens, long? OutputTokens, int ToolCalls, bool ToolRoundCapReached)
{
    public static AgentTurn Add(AgentTurn? a, AgentTurn b) => a is null ? b : new AgentTurn(
        b.Text,
        Sum(a.InputTokens, b.InputTokens),
        Sum(a.OutputTokens, b.OutputTokens),
        a.ToolCalls + b.ToolCalls,
        a.ToolRoundCapReached || b.ToolRoundCapReached);

    private static long? Sum(long? x, long? y) => x is null && y is null ? null : (x ?? 0) + (y ?? 0);
}

/// <summary>A piece of a streamed turn: text as it arrives; the final piece carries the whole turn.</summary>
public sealed record AgentStreamUpdate(string? TextDelta, AgentTurn? Completed = null);
