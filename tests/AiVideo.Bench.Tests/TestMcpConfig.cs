using System.Text.Json.Nodes;
using AiVideo.Testing;

namespace AiVideo.Bench.Tests;

internal static class TestMcpConfig
{
    /// <summary>Writes an mcp.json for the server dlls built next to this test assembly and returns its path.</summary>
    public static string Write(TempDirectory dir)
    {
        JsonObject Server(string dll) => new()
        {
            ["command"] = "dotnet",
            ["args"] = new JsonArray(Path.Combine(AppContext.BaseDirectory, dll + ".dll")),
        };
        var config = new JsonObject
        {
            ["mcpServers"] = new JsonObject
            {
                ["aivideo-render"] = Server("aivideo-mcp-render"),
                ["aivideo-voice"] = Server("aivideo-mcp-voice"),
                ["aivideo-publish"] = Server("aivideo-mcp-publish"),
            },
        };
        var path = dir.Combine("mcp.json");
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }
}

/// <summary>The media-heavy tests run one at a time (two cores; each already runs two makes side by side).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MediaCollection
{
    public const string Name = "media";
}
