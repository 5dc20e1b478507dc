using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core.CommandLine;
using AiVideo.Core.Workspace;
using AiVideo.Host.Runs;
using AiVideo.Host.Mcp;

namespace AiVideo.Host.Cli;

/// <summary><c>aivideo mcp config</c>: prints a ready-to-paste Claude Desktop "mcpServers" block with absolute paths.</summary>
public sealed class McpConfigCommand(TextWriter stdout)
{
    /// <summary>The <c>mcp</c> command with its <c>config</c> subcommand.</summary>
    public static Command Command(TextWriter stdout)
    {
        var mcpConfig = CliOptions.Text("--mcp-config", "FILE", "the MCP servers file (default mcp.json, or AIVIDEO_MCP_CONFIG)");
        var workspace = CliOptions.Text("--workspace", "DIR", "the artifact workspace the servers share (default .aivideo/workspace next to the file)");
        var outDir = CliOptions.Text("--out", "DIR", "the output folder the publish server writes to (default out)");
        var config = new Command("config", "print a Claude Desktop \"mcpServers\" block with absolute paths") { mcpConfig, workspace, outDir };
        config.SetAction((result, _) => new McpConfigCommand(stdout).RunAsync(
            result.GetValue(mcpConfig) ?? MakeOptions.DefaultMcpConfig, result.GetValue(workspace), result.GetValue(outDir) ?? "out"));
        return new Command("mcp", "the MCP servers, for other clients") { config };
    }

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
