using System.Text.Json;
using AiVideo.Core.Json;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiVideo.Host.Mcp;

/// <summary>
/// The Host's MCP client side: starts the render, voice and publish servers listed in mcp.json over stdio
/// (exactly as Claude Desktop would) and calls their tools with typed results.
/// </summary>
public sealed class McpToolbox : IAsyncDisposable
{
    public const string Render = "render";
    public const string Voice = "voice";
    public const string Publish = "publish";

    private readonly Dictionary<string, McpClient> _clients;

    private McpToolbox(Dictionary<string, McpClient> clients) => _clients = clients;

    /// <param name="environment">Variables every server gets on top of its mcp.json "env" (workspace, out dir).</param>
    public static Task<McpToolbox> StartAsync(
        McpServerCatalog catalog,
        IReadOnlyDictionary<string, string> environment,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken) =>
        StartAsync(catalog, environment, loggerFactory, [Render, Voice, Publish], cancellationToken);

    /// <summary>Starts only the servers of <paramref name="roles"/> (e.g. just publish for the memory commands).</summary>
    public static async Task<McpToolbox> StartAsync(
        McpServerCatalog catalog,
        IReadOnlyDictionary<string, string> environment,
        ILoggerFactory loggerFactory,
        IReadOnlyList<string> roles,
        CancellationToken cancellationToken)
    {
        // Start the servers at once: each is a separate process, and start-up is most of their latency.
        var starts = roles.Distinct().ToDictionary(role => role, role => ConnectAsync(catalog, role, environment, loggerFactory, cancellationToken));
        try
        {
            await Task.WhenAll(starts.Values).ConfigureAwait(false);
        }
        catch
        {
            foreach (var task in starts.Values.Where(t => t.IsCompletedSuccessfully))
            {
                await task.Result.DisposeAsync().ConfigureAwait(false);
            }
            throw;
        }
        var clients = starts.ToDictionary(kv => kv.Key, kv => kv.Value.Result);
        return new McpToolbox(clients);
    }

    private static async Task<McpClient> ConnectAsync(
        McpServerCatalog catalog,
        string role,
        IReadOnlyDictionary<string, string> environment,
        ILoggerFactory loggerFactory,
        CancellationToken cancellationToken)
    {
        var entry = catalog.Find(role);
        var env = new Dictionary<string, string?>();
        foreach (var (k, v) in entry.Env) env[k] = v;
        foreach (var (k, v) in environment) env[k] = v;
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = entry.Name,
            Command = entry.Command,
            Arguments = entry.Args.ToList(),
            EnvironmentVariables = env,
            WorkingDirectory = Path.GetDirectoryName(catalog.FilePath),
        }, loggerFactory);
        try
        {
            return await McpClient.CreateAsync(transport, loggerFactory: loggerFactory, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or McpException)
        {
            throw new ToolCallException(entry.Name, "start", $"could not start MCP server '{entry.Name}' ({entry.Command} {string.Join(' ', entry.Args)}): {ex.Message}");
        }
    }

    /// <summary>Calls a tool and deserializes its structured result. A tool error becomes <see cref="ToolCallException"/>.</summary>
    public async Task<T> CallAsync<T>(
        string server,
        string tool,
        IReadOnlyDictionary<string, object?> arguments,
        IProgress<ProgressNotificationValue>? progress,
        CancellationToken cancellationToken)
    {
        if (!_clients.TryGetValue(server, out var client)) throw new ToolCallException(server, tool, $"the {server} server was not started");
        CallToolResult result;
        try
        {
            result = await client.CallToolAsync(tool, arguments, progress, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (McpException ex)
        {
            throw new ToolCallException(server, tool, ex.Message, ex.InnerException is IOException);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            throw new ToolCallException(server, tool, $"the server connection failed: {ex.Message}", isTransient: true);
        }
        if (result.IsError == true)
        {
            var text = string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text));
            var transient = text.StartsWith(Core.Providers.TransientProviderException.ToolErrorPrefix, StringComparison.Ordinal);
            if (transient) text = text[Core.Providers.TransientProviderException.ToolErrorPrefix.Length..];
            var cannotFill = text.StartsWith(Core.Providers.SourceCannotFillException.ToolErrorPrefix, StringComparison.Ordinal);
            if (cannotFill) text = text[Core.Providers.SourceCannotFillException.ToolErrorPrefix.Length..];
            throw new ToolCallException(server, tool, text.Length > 0 ? text : "tool reported an error without a message", transient, cannotFill);
        }
        if (result.StructuredContent is null)
        {
            throw new ToolCallException(server, tool, "tool returned no structured content");
        }
        var element = JsonSerializer.SerializeToElement(result.StructuredContent);
        // A tool returning a list is wrapped by the SDK as {"result": [...]}.
        var isList = typeof(T) != typeof(string) && typeof(System.Collections.IEnumerable).IsAssignableFrom(typeof(T));
        if (isList && element.ValueKind == JsonValueKind.Object && element.TryGetProperty("result", out var wrapped))
        {
            element = wrapped;
        }
        return element.Deserialize<T>(AiVideoJson.Options)
            ?? throw new ToolCallException(server, tool, "tool returned an empty result");
    }

    /// <summary>The server's tools as AI functions (for agents), limited to the names <paramref name="allowed"/> accepts.</summary>
    public async Task<IReadOnlyList<McpClientTool>> ListToolsAsync(string server, Func<string, bool> allowed, CancellationToken cancellationToken)
    {
        var tools = await _clients[server].ListToolsAsync(cancellationToken: cancellationToken).ConfigureAwait(false);
        return tools.Where(t => allowed(t.Name)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            await client.DisposeAsync().ConfigureAwait(false);
        }
    }
}
