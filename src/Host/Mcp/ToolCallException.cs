namespace AiVideo.Host.Mcp;

/// <summary>An MCP tool answered with an error (IsError) or an unusable result.</summary>
public sealed class ToolCallException(string server, string tool, string message)
    : Exception($"{server}/{tool}: {message}")
{
    public string Server { get; } = server;
    public string Tool { get; } = tool;
    public string ToolMessage { get; } = message;
}
