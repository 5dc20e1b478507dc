using System.Text.Json;
using AiVideo.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiVideo.McpServers.Render.Tests;

/// <summary>One render server process over stdio with its own temporary workspace, shared by a test class.</summary>
public sealed class RenderServerFixture : IAsyncLifetime
{
    public TempDirectory Workspace { get; } = new("aivideo-render-mcp");

    public McpClient Client { get; private set; } = null!;

    public async Task InitializeAsync() =>
        Client = await McpServerProcess.StartAsync("aivideo-mcp-render", Workspace.Path);

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        Workspace.Dispose();
    }

    public Task<CallToolResult> CallAsync(string tool, Dictionary<string, object?> arguments, IProgress<ModelContextProtocol.ProgressNotificationValue>? progress = null) =>
        Client.CallToolAsync(tool, arguments, progress, cancellationToken: new CancellationTokenSource(TimeSpan.FromMinutes(2)).Token).AsTask();

    public static T Structured<T>(CallToolResult result)
    {
        Assert.True(result.IsError is not true, ErrorText(result));
        Assert.NotNull(result.StructuredContent);
        return JsonSerializer.Deserialize<T>(result.StructuredContent.Value, JsonSerializerOptions.Web)!;
    }

    public static string ErrorText(CallToolResult result) =>
        string.Join(" ", result.Content.OfType<TextContentBlock>().Select(b => b.Text));
}
