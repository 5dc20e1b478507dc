using AiVideo.Agents.Decisions;
using AiVideo.Agents.Ideation;
using AiVideo.Agents.Publishing;
using AiVideo.Agents.Review;
using AiVideo.Agents.Roles;
using AiVideo.Core.Gates;
using AiVideo.Core.Scripts;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;

namespace AiVideo.Host.Pipeline;

/// <summary>
/// Creates the agents of one run. Without a model: the offline writer and planner. With one: fresh ideation, QA
/// and publishing agents (own histories, no tools: they decide, the pipeline acts) recording into the run's journal.
/// </summary>
public sealed class PipelineAgentsFactory(IChatClient? chatClient, TimeProvider time)
{
    public bool HasModel => chatClient is not null;

    public PipelineAgents Create(IAgentDecisionSink decisions)
    {
        if (chatClient is null) return PipelineAgents.Offline(time);
        return new PipelineAgents(
            new IdeationAgent(new RoleAgent(IdeationAgent.Definition, chatClient, new Kernel()), new ScriptGate(), new VideoScriptSchema(), decisions),
            new PublishingAgent(new RoleAgent(PublishingAgent.Definition, chatClient, new Kernel()), new PostingSchedule(time), decisions),
            new QaAgent(new RoleAgent(QaAgent.Definition, chatClient, new Kernel()), decisions));
    }
}
