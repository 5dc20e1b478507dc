using AiVideo.Agents.Orchestration;

namespace AiVideo.Agents.Tests.Orchestration;

public class AgentToolScopesTests
{
    [Theory]
    [InlineData("orchestrator", "render", "render_shot", true)]
    [InlineData("orchestrator", "voice", "synthesize_speech", true)]
    [InlineData("orchestrator", "publish", "list_published", true)]
    [InlineData("orchestrator", "publish", "publish_video", false)]
    [InlineData("publishing", "publish", "publish_video", true)]
    [InlineData("publishing", "render", "render_shot", false)]
    [InlineData("publishing", "voice", "list_voices", false)]
    [InlineData("ideation", "render", "probe_media", false)]
    [InlineData("qa", "publish", "find_publication", false)]
    [InlineData("nobody", "render", "probe_media", false)]
    public void Allows_EachRoleSeesOnlyItsTools(string agent, string server, string tool, bool expected) =>
        Assert.Equal(expected, AgentToolScopes.Allows(agent, server, tool));

    [Fact]
    public void Servers_IdeationAndQaHaveNone() =>
        Assert.Equal((0, 0), (AgentToolScopes.Servers("ideation").Count, AgentToolScopes.Servers("qa").Count));
}
