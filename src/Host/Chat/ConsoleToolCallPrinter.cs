using AiVideo.Agents.Roles;

namespace AiVideo.Host.Chat;

/// <summary>Shows each tool call in the chat: name and short arguments, then the outcome.</summary>
public sealed class ConsoleToolCallPrinter(TextWriter output) : IToolCallObserver
{
    private readonly Lock _lock = new();

    public void ToolCalling(string agent, string tool, string shortArguments)
    {
        lock (_lock) output.WriteLine($"\n  → {tool} {shortArguments}");
    }

    public void ToolCalled(string agent, string tool, bool succeeded, string shortOutcome)
    {
        lock (_lock) output.WriteLine($"  {(succeeded ? "✓" : "✗")} {tool}: {shortOutcome}");
    }
}
