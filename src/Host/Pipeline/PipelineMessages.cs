using System.Text.Json.Serialization;
using AiVideo.Core.Domain;

namespace AiVideo.Host.Pipeline;

/// <summary>Everything a run has produced so far. Carried by every message so any step can be replayed from it.</summary>
public sealed record ProductionState
{
    public VideoScript? Script { get; init; }
    public Narration? Narration { get; init; }
    public IReadOnlyList<TimelineSegment> Timeline { get; init; } = [];
    public IReadOnlyDictionary<string, RenderedShot> Shots { get; init; } = new Dictionary<string, RenderedShot>();
    public AssembledVideo? Video { get; init; }

    /// <summary>
    /// Workspace-relative clip of the run's first accepted cloud-generated shot, when the channel has no
    /// <c>render.referenceImage</c>: the drift gate measures the run's later generated shots against it. Part of the
    /// checkpointed state, so a resumed run keeps the same reference.
    /// </summary>
    public string? DriftReference { get; init; }
}

/// <summary>The messages that flow along the workflow's edges.</summary>
[JsonPolymorphic]
[JsonDerivedType(typeof(RunStarted), "run_started")]
[JsonDerivedType(typeof(ScriptDrafted), "script_drafted")]
[JsonDerivedType(typeof(ScriptApproved), "script_approved")]
[JsonDerivedType(typeof(ScriptRevisionRequested), "script_revision_requested")]
[JsonDerivedType(typeof(ScriptReviewed), "script_reviewed")]
[JsonDerivedType(typeof(NarrationReady), "narration_ready")]
[JsonDerivedType(typeof(RenderRequested), "render_requested")]
[JsonDerivedType(typeof(ShotsRendered), "shots_rendered")]
[JsonDerivedType(typeof(ShotsApproved), "shots_approved")]
[JsonDerivedType(typeof(VideoAssembled), "video_assembled")]
[JsonDerivedType(typeof(QaPassed), "qa_passed")]
[JsonDerivedType(typeof(VideoApproved), "video_approved")]
[JsonDerivedType(typeof(RunPublished), "run_published")]
[JsonDerivedType(typeof(RunPartiallyPublished), "run_partially_published")]
[JsonDerivedType(typeof(RunFailed), "run_failed")]
public abstract record PipelineMessage;

public sealed record RunStarted(string RunId) : PipelineMessage;

public sealed record ScriptDrafted(string ScriptJson, string Writer) : PipelineMessage;

public sealed record ScriptApproved(ProductionState State) : PipelineMessage;

/// <summary>The script gate (bounded rewrites) or the QA agent (at most once) asked the writer for another script.</summary>
public sealed record ScriptRevisionRequested(IReadOnlyList<string> Reasons, VideoScript? Previous) : PipelineMessage;

/// <summary>The QA agent passed the script.</summary>
public sealed record ScriptReviewed(ProductionState State) : PipelineMessage;

public sealed record NarrationReady(ProductionState State) : PipelineMessage;

/// <summary>Shots to (re-)render, each with the attempt number to use.</summary>
public sealed record RenderRequested(ProductionState State, IReadOnlyDictionary<string, int> Attempts) : PipelineMessage;

public sealed record ShotsRendered(ProductionState State, IReadOnlyList<string> RenderedShotIds) : PipelineMessage;

public sealed record ShotsApproved(ProductionState State) : PipelineMessage;

public sealed record VideoAssembled(ProductionState State) : PipelineMessage;

public sealed record QaPassed(ProductionState State) : PipelineMessage;

/// <summary>The QA agent passed the finished video.</summary>
public sealed record VideoApproved(ProductionState State) : PipelineMessage;

/// <summary>Every platform of the channel is live.</summary>
public sealed record RunPublished(ProductionState State, IReadOnlyList<PublishReceipt> Live) : PipelineMessage;

/// <summary>At least one platform is live and at least one failed after its retries.</summary>
public sealed record RunPartiallyPublished(ProductionState State, IReadOnlyList<PublishReceipt> Live, IReadOnlyList<MissingPost> Missing) : PipelineMessage;

/// <summary>A step failed for good: the run goes to the dead-letter executor with this reason (and, at publish, every platform's reason).</summary>
public sealed record RunFailed(string Step, string Reason, IReadOnlyList<MissingPost>? Missing = null) : PipelineMessage;
