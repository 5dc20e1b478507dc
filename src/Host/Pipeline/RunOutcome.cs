using AiVideo.Core.Domain;
using AiVideo.Host.Reports;

namespace AiVideo.Host.Pipeline;

/// <summary>
/// How a run ended — the truth about what is live, defined once for every feature:
/// <c>published</c> (every platform of the channel live), <c>partially_published</c> (at least one live post, at least
/// one platform failed after its retries), <c>dead_lettered</c> (nothing live). <see cref="Live"/> lists every live
/// post; <see cref="Missing"/> every platform without one, with its reason.
/// </summary>
public sealed record RunOutcome(string Kind, string? FailedStep, string? Reason, AssembledVideo? Video = null)
{
    public IReadOnlyList<PublishReceipt> Live { get; init; } = [];

    public IReadOnlyList<MissingPost> Missing { get; init; } = [];

    /// <summary>The shots the video was assembled from (source and provenance of each); empty when the run ended before.</summary>
    public IReadOnlyList<RenderedShot> Shots { get; init; } = [];

    public bool Published => Kind == RunOutcomeNames.Published;

    public bool PartiallyPublished => Kind == RunOutcomeNames.PartiallyPublished;

    public static RunOutcome Success(AssembledVideo video, IReadOnlyList<PublishReceipt> live) =>
        new(RunOutcomeNames.Published, null, null, video) { Live = live };

    public static RunOutcome Partial(AssembledVideo? video, IReadOnlyList<PublishReceipt> live, IReadOnlyList<MissingPost> missing) =>
        new(RunOutcomeNames.PartiallyPublished, "publish", MissingPost.Describe(missing), video) { Live = live, Missing = missing };

    public static RunOutcome DeadLettered(string step, string reason, IReadOnlyList<MissingPost>? missing = null) =>
        new(RunOutcomeNames.DeadLettered, step, reason) { Missing = missing ?? [] };
}

/// <summary>A platform of the channel without a live post, and why.</summary>
public sealed record MissingPost(string Platform, string Reason)
{
    public static string Describe(IReadOnlyList<MissingPost> missing) =>
        "not published to " + string.Join("; ", missing.Select(m => $"{m.Platform} ({m.Reason})"));
}
