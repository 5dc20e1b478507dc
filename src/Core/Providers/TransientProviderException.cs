namespace AiVideo.Core.Providers;

/// <summary>
/// A provider failure worth retrying (rate limit, timeout, a dropped connection, a 5xx). Everything else a provider
/// throws is permanent and fails fast. Over MCP it travels as a tool error whose text starts with "transient: ".
/// </summary>
public sealed class TransientProviderException(string message, Exception? inner = null) : Exception(message, inner)
{
    public const string ToolErrorPrefix = "transient: ";
}
