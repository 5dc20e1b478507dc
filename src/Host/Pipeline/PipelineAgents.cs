using AiVideo.Agents.Publishing;
using AiVideo.Agents.Review;
using AiVideo.Agents.Scripts;

namespace AiVideo.Host.Pipeline;

/// <summary>
/// Who decides in a run. Offline: the deterministic writer and publish planner, no QA agent (the gates still run).
/// With a model: the ideation agent writes, the QA agent reviews the script and the finished video, the publishing
/// agent writes the metadata.
/// </summary>
public sealed record PipelineAgents(IScriptWriter Writer, IPublishPlanner Planner, QaAgent? Reviewer)
{
    public static PipelineAgents Offline(TimeProvider time) =>
        new(new DeterministicScriptWriter(), new DeterministicPublishPlanner(new PostingSchedule(time)), null);
}
