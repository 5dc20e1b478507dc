using System.Text.Json;
using AiVideo.Core;

namespace AiVideo.Host.Mcp;

/// <summary>One server entry of mcp.json, in Claude Desktop's "mcpServers" format.</summary>
public sealed record McpServerEntry(string Name, string Command, IReadOnlyList<string> Args, IReadOnlyDictionary<string, string> Env);

/// <summary>
/// Reads mcp.json. Relative paths in "command" and "args" that exist next to the file are made absolute, so the
/// same file works from the repo root and `aivideo mcp config` can print a block with absolute paths.
/// </summary>
public sealed class McpServerCatalog
{
    public McpServerCatalog(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidInputException($"MCP config '{path}' does not exist (expected mcp.json with an \"mcpServers\" object)");
        }
        FilePath = Path.GetFullPath(path);
        var baseDir = Path.GetDirectoryName(FilePath)!;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(FilePath), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!doc.RootElement.TryGetProperty("mcpServers", out var servers) || servers.ValueKind != JsonValueKind.Object)
            {
                throw new InvalidInputException($"{path}: missing the \"mcpServers\" object");
            }
            Servers = servers.EnumerateObject().Select(s => Entry(s, baseDir)).ToList();
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"{path} is not valid JSON: {ex.Message}");
        }
    }

    public string FilePath { get; }

    public IReadOnlyList<McpServerEntry> Servers { get; }

    /// <summary>The server whose name contains <paramref name="role"/> (render, voice, publish).</summary>
    public McpServerEntry Find(string role) =>
        Servers.FirstOrDefault(s => s.Name.Contains(role, StringComparison.OrdinalIgnoreCase))
        ?? throw new InvalidInputException($"{FilePath}: no server whose name contains '{role}'");

    private static McpServerEntry Entry(JsonProperty server, string baseDir)
    {
        var value = server.Value;
        if (!value.TryGetProperty("command", out var command) || command.ValueKind != JsonValueKind.String)
        {
            throw new InvalidInputException($"mcp.json: server '{server.Name}' has no \"command\"");
        }
        var args = value.TryGetProperty("args", out var a) && a.ValueKind == JsonValueKind.Array
            ? a.EnumerateArray().Select(x => Absolutize(x.GetString() ?? "", baseDir)).ToList()
            : [];
        var env = value.TryGetProperty("env", out var e) && e.ValueKind == JsonValueKind.Object
            ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "")
            : new Dictionary<string, string>();
        return new McpServerEntry(server.Name, Absolutize(command.GetString()!, baseDir), args, env);
    }

    private static string Absolutize(string value, string baseDir)
    {
        if (value.Length == 0 || Path.IsPathRooted(value) || value.StartsWith('-')) return value;
        var candidate = Path.GetFullPath(Path.Combine(baseDir, value));
        var looksLikePath = value.Contains('/') || value.EndsWith(".dll", StringComparison.Ordinal);
        return looksLikePath ? candidate : value;
    }
}
