namespace AiVideo.Agents.Roles;

/// <summary>Sees every tool call an agent makes (chat shows them; the report counts them).</summary>
public interface IToolCallObserver
{
    void ToolCalling(string agent, string tool, string shortArguments);

    void ToolCalled(string agent, string tool, bool succeeded, string shortOutcome);
}

/// <summary>Ignores tool calls.</summary>
public sealed class NullToolCallObserver : IToolCallObserver
{
    public static NullToolCallObserver Instance { get; } = new();

    public void ToolCalling(string agent, string tool, string shortArguments)
    {
    }

    public void ToolCalled(string agent, string tool, bool succeeded, string shortOutcome)
    {
    }
}
