namespace AiVideo.Agents.Orchestration;

/// <summary>
/// Which MCP tools each role may call, by server. What a role cannot see it cannot call, whatever a prompt says:
/// the orchestrator has no publish_video (publishing goes through make_video and the channel's platforms), the
/// publishing role has no render or voice tools, ideation and QA have none.
/// </summary>
public static class AgentToolScopes
{
    private static readonly Dictionary<string, Dictionary<string, string[]?>> Scopes = new(StringComparer.Ordinal)
    {
        [OrchestratorAgent.AgentName] = new()
        {
            ["render"] = null,
            ["voice"] = null,
            ["publish"] = ["list_published", "find_publication"],
        },
        [Publishing.PublishingAgent.AgentName] = new()
        {
            ["publish"] = ["publish_video", "list_published", "find_publication"],
        },
    };

    /// <summary>True when <paramref name="agent"/> may call <paramref name="tool"/> of <paramref name="server"/>.</summary>
    public static bool Allows(string agent, string server, string tool) =>
        Scopes.TryGetValue(agent, out var servers)
        && servers.TryGetValue(server, out var tools)
        && (tools is null || tools.Contains(tool, StringComparer.Ordinal));

    /// <summary>The servers a role has any tool of.</summary>
    public static IReadOnlyList<string> Servers(string agent) =>
        Scopes.TryGetValue(agent, out var servers) ? servers.Keys.ToList() : [];
}
