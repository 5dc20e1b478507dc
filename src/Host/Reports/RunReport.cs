using AiVideo.Agents.Decisions;
using AiVideo.Core.Domain;
using AiVideo.Memory.Performance;

namespace AiVideo.Host.Reports;

/// <summary>report.json: everything an operator needs to know about one run.</summary>
public sealed record RunReport
{
    public required string RunId { get; init; }
    public required string Outcome { get; init; }
    public string? FailedStep { get; init; }
    public string? Reason { get; init; }
    public required string Channel { get; init; }
    public required string Title { get; init; }
    public VideoScript? Script { get; init; }
    public string? ScriptWriter { get; init; }
    public string? Video { get; init; }
    public double? DurationSec { get; init; }
    public int? Width { get; init; }
    public int? Height { get; init; }
    public required string Workspace { get; init; }
    public required DateTimeOffset StartedAt { get; init; }
    public required DateTimeOffset FinishedAt { get; init; }
    public required IReadOnlyList<StepReport> Steps { get; init; }
    public required IReadOnlyList<GateResult> Gates { get; init; }
    public required IReadOnlyList<PublishReport> Publish { get; init; }

    /// <summary>Every post that is live, whatever the outcome (a partially published or reconciled run included).</summary>
    public IReadOnlyList<LivePost> Live { get; init; } = [];

    /// <summary>Every platform of the channel without a live post, with its reason (empty when published).</summary>
    public IReadOnlyList<MissingPlatform> Missing { get; init; } = [];

    /// <summary>Every decision an agent took (empty when no model is configured).</summary>
    public IReadOnlyList<AgentDecision> Agents { get; init; } = [];

    /// <summary>Past videos the performance memory gave ideation, each with why (similar topic, best or worst performer).</summary>
    public IReadOnlyList<RecalledVideo> Memory { get; init; } = [];

    /// <summary>Mean score per hook style on the channel when the script was written (best first).</summary>
    public IReadOnlyList<HookStyleStat> HookStyles { get; init; } = [];

    /// <summary>Where each shot's pictures came from: source, file/item, match score, and every joined piece.</summary>
    public IReadOnlyList<ShotReport> Shots { get; init; } = [];

    /// <summary>The music under the narration and the ducking measured as it was mixed; null without music.</summary>
    public MusicMix? Music { get; init; }

    /// <summary>What the run's provider calls cost (USD) as the providers report it (the cost ledger); 0 on the embedded defaults.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Estimated vs actual cost per provider, and the channel's caps (see <see cref="CostReport"/>).</summary>
    public CostReport? Costs { get; init; }
}

public sealed record StepReport(string Name, int Attempts, long Ms);

/// <summary>One shot's provenance.</summary>
/// <param name="Source">The visual source that filled it (procedural, library, pexels, kling, …).</param>
/// <param name="Item">The main item: a library-relative file, a stock item, a generated clip, or the style id of a procedural shot.</param>
/// <param name="Score">Relevance: how well the main item matched the shot's query (0..1); null for sources that do not rank.</param>
/// <param name="Similarity">Drift-gate similarity to the channel look; null when not measured (found footage).</param>
/// <param name="Parts">Every piece of the clip (joined picks, speed, stills, credits, provider task ids).</param>
public sealed record ShotReport(string ShotId, string Source, string Provider, string? Item, double? Score, int Attempt, double? Similarity, string Clip, IReadOnlyList<VisualPart> Parts,
    string? Note = null)
{
    /// <summary>What the shot shows (generators draw it).</summary>
    public string? Prompt { get; init; }

    /// <summary>What sources that search looked for.</summary>
    public string? Query { get; init; }

    /// <summary>The seed the clip was made with (the channel's locked seed, where the source takes one).</summary>
    public int Seed { get; init; }

    /// <summary>The provider's task or operation id of the main item (generators); null for found and procedural footage.</summary>
    public string? TaskId { get; init; }

    /// <summary>What the provider reported this clip cost (USD; 0 for free sources and for a clip reused without a new call).</summary>
    public decimal CostUsd { get; init; }

    /// <summary>Attribution of found footage (author, page, licence); empty when the source asks for none.</summary>
    public IReadOnlyList<VisualCredit> Credits { get; init; } = [];

    public static ShotReport From(RenderedShot shot, VideoScript? script)
    {
        var spec = script?.Shots.FirstOrDefault(s => s.Id == shot.ShotId);
        return new(shot.ShotId, shot.Source, shot.Provider, shot.Parts.Count > 0 ? shot.Parts[0].Item : null, shot.Parts.Count > 0 ? shot.Parts[0].Score : null,
            shot.Attempt, shot.Similarity, shot.ClipPath, shot.Parts, shot.Note)
        {
            Prompt = spec?.Prompt,
            Query = spec is null ? null : string.IsNullOrWhiteSpace(spec.Query) ? spec.Prompt : spec.Query,
            Seed = shot.Seed,
            TaskId = shot.Parts.Select(p => p.TaskId).FirstOrDefault(t => t is not null),
            CostUsd = shot.CostUsd,
            Credits = shot.Parts.Where(p => p.Credit is not null).Select(p => p.Credit!).Distinct().ToList(),
        };
    }
}

public sealed record PublishReport(string Platform, string IdempotencyKey, string Location, string ExternalId, string Status, bool Duplicate);

public sealed record LivePost(string Platform, string IdempotencyKey, string ExternalId, string Location, string Status);

public sealed record MissingPlatform(string Platform, string Reason);

/// <summary>
/// The run states. Final: <see cref="Published"/> (every platform live), <see cref="PartiallyPublished"/> (at least
/// one live post, at least one platform failed after its retries), <see cref="DeadLettered"/> (nothing live).
/// Not final: <see cref="Running"/>, and <see cref="Waiting"/> (deliberately paused until a time — a posting slot or a
/// platform quota reset; not subject to the run deadline; resumed when due).
/// </summary>
public static class RunOutcomeNames
{
    public const string Running = "running";
    public const string Waiting = "waiting";
    public const string Published = "published";
    public const string PartiallyPublished = "partially_published";
    public const string DeadLettered = "dead_lettered";

    /// <summary>The process exit code of a run that ended so: 0 published, 3 partially published, 1 otherwise (2 is bad input).</summary>
    public static int ExitCode(string outcome) => outcome switch
    {
        Published => 0,
        PartiallyPublished => 3,
        _ => 1,
    };
}
