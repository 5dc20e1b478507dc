namespace AiVideo.McpServers.Publish.Webhook;

/// <summary>How the video travels: a URL in a JSON body, or the file itself in a multipart body.</summary>
public enum WebhookMode
{
    Json,
    Multipart,
}
