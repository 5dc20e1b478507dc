using AiVideo.Core.Domain;

namespace AiVideo.Host.Pipeline;

/// <summary>How a run ended: published (with the video), or dead-lettered with the step and reason.</summary>
public sealed record RunOutcome(bool Published, string? FailedStep, string? Reason, AssembledVideo? Video = null)
{
    public static RunOutcome Success(AssembledVideo video) => new(true, null, null, video);

    public static RunOutcome DeadLettered(string step, string reason) => new(false, step, reason);
}
