namespace AiVideo.Host.Mcp;

/// <summary>
/// An MCP tool answered with an error (IsError) or an unusable result, or the server could not be reached.
/// <see cref="IsTransient"/> says whether trying again may help (the resilience pipeline retries only those).
/// </summary>
public sealed class ToolCallException(string server, string tool, string message, bool isTransient = false, bool cannotFill = false)
    : Exception($"{server}/{tool}: {message}")
{
    /// <summary>A visual source answered that it cannot fill the shot (not an error: the next source is tried).</summary>
    public bool CannotFill { get; } = cannotFill;

    public string Server { get; } = server;
    public string Tool { get; } = tool;
    public string ToolMessage { get; } = message;
    public bool IsTransient { get; } = isTransient;
}
