namespace AiVideo.McpServers.Publish.Outbox;

/// <summary>Where the local outbox lives: <c>&lt;OutRoot&gt;/published/&lt;platform&gt;/…</c> and <c>&lt;OutRoot&gt;/publish.db</c>. From AIVIDEO_OUT.</summary>
public sealed class OutboxOptions
{
    public string OutRoot { get; set; } = "out";
}
