namespace AiVideo.McpServers.Voice.Providers;

/// <summary>A cloud voice failed in a way retrying will not fix (refused credentials, rejected request, malformed answer).</summary>
public sealed class VoiceProviderException(string message, Exception? inner = null) : Exception(message, inner);
