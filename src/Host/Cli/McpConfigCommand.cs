using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core.Workspace;
using AiVideo.Host.Mcp;

namespace AiVideo.Host.Cli;

/// <summary><c>aivideo mcp config</c>: prints a ready-to-paste Claude Desktop "mcpServers" block with absolute paths.</summary>
public sealed class McpConfigCommand(TextWriter stdout)
{
    public async Task<int> RunAsync(string mcpConfigPath, string? workspace, string outDirectory)
    {
        var catalog = new McpServerCatalog(mcpConfigPath);
        var workspaceRoot = Path.GetFullPath(workspace ?? Path.Combine(Path.GetDirectoryName(catalog.FilePath)!, ArtifactWorkspace.DefaultRelativeRoot));
        var servers = new JsonObject();
        foreach (var s in catalog.Servers)
        {
            var env = new JsonObject();
            foreach (var (k, v) in s.Env) env[k] = v;
            env[ArtifactWorkspace.EnvironmentVariable] = workspaceRoot;
            env["AIVIDEO_OUT"] = Path.GetFullPath(outDirectory);
            servers[s.Name] = new JsonObject
            {
                ["command"] = s.Command,
                ["args"] = new JsonArray(s.Args.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
                ["env"] = env,
            };
        }
        var root = new JsonObject { ["mcpServers"] = servers };
        await stdout.WriteLineAsync(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true })).ConfigureAwait(false);
        return 0;
    }
}
