namespace AiVideo.McpServers.Publish.Webhook;

/// <summary>
/// A permanent refusal by the receiver (4xx, or a status that says failed): retrying the same request cannot help, so
/// the Host dead-letters the post or publishes the rest. The message is the receiver's reason plus what to check;
/// it never contains the secret.
/// </summary>
public sealed class PublishRejectedException(string message) : Exception(message);
