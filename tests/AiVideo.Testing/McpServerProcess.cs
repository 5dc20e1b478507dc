using ModelContextProtocol.Client;

namespace AiVideo.Testing;

/// <summary>
/// Starts one of the AiVideo MCP servers as a child process over stdio and connects the official C# MCP client
/// to it, exactly as the Host or Claude Desktop would. The server's dll must sit next to the test assembly
/// (a ProjectReference to the server project copies it there).
/// </summary>
public static class McpServerProcess
{
    public static async Task<McpClient> StartAsync(
        string serverAssemblyName,
        string workspace,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, serverAssemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"server assembly {dll} not found; reference the server project from the test project");
        }
        var env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["AIVIDEO_WORKSPACE"] = workspace,
        };
        var transport = new StdioClientTransport(new StdioClientTransportOptions
        {
            Name = serverAssemblyName,
            Command = "dotnet",
            Arguments = [dll],
            WorkingDirectory = workspace,
            EnvironmentVariables = env,
        });
        return await McpClient.CreateAsync(transport, cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
