using System.Text.Json;
using AiVideo.Agents.Decisions;
using AiVideo.Agents.Ideation;
using AiVideo.Agents.Publishing;
using AiVideo.Agents.Review;
using AiVideo.Agents.Roles;
using AiVideo.Agents.Scripts;
using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using AiVideo.Core.Json;
using AiVideo.Core.Scripts;
using AiVideo.Testing.Fakes;
using Microsoft.SemanticKernel;

namespace AiVideo.Agents.Tests.Agents;

internal static class AgentFixtures
{
    public static ChannelProfile Channel { get; } = new()
    {
        Id = "space", Name = "Orbit Minute", Niche = "space facts",
        BrandWords = ["Orbit Minute", "NASA"], BannedWords = ["miracle"],
        Platforms = [PlatformNames.TikTok, PlatformNames.YouTubeShorts],
        PostingTimes = ["08:30", "18:00"],
    };

    public static Brief Brief { get; } = new("The Moon is drifting away",
        ["The Moon moves about 3.8 centimetres away from Earth every year.", "NASA measures it with lasers."], null, []);

    public static VideoScript ValidScript() => new DeterministicScriptWriter().Write(Brief, Channel);

    public static string ValidScriptJson() => JsonSerializer.Serialize(ValidScript(), AiVideoJson.Options);

    public static IdeationAgent Ideation(ScriptedChatClient model, IAgentDecisionSink decisions) =>
        new(new RoleAgent(IdeationAgent.Definition, model, new Kernel()), new ScriptGate(), new VideoScriptSchema(), decisions);

    public static QaAgent Qa(ScriptedChatClient model, IAgentDecisionSink decisions) =>
        new(new RoleAgent(QaAgent.Definition, model, new Kernel()), decisions);

    public static PublishingAgent Publishing(ScriptedChatClient model, IAgentDecisionSink decisions, TimeProvider time) =>
        new(new RoleAgent(PublishingAgent.Definition, model, new Kernel()), new PostingSchedule(time), decisions);
}

/// <summary>A clock fixed at a given instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
