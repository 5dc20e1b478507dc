using AiVideo.Core.Domain;
using AiVideo.Memory.Performance;

namespace AiVideo.Agents.Scripts;

/// <summary>Turns a brief and a channel into script JSON. The result is always checked by the script gate.</summary>
public interface IScriptWriter
{
    string Name { get; }

    /// <summary>Returns the script as JSON text (what a model would return), to be validated, never trusted.</summary>
    Task<string> WriteAsync(ScriptRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// What a writer is asked for: the brief and channel, optional trend notes, and — on a revision — the reviewer's
/// reasons and the script being revised.
/// </summary>
public sealed record ScriptRequest(Brief Brief, ChannelProfile Channel)
{
    public string? TrendNotes { get; init; }
    public IReadOnlyList<string> RevisionReasons { get; init; } = [];
    public VideoScript? PreviousScript { get; init; }

    /// <summary>What the channel's past videos earned (retrieved before writing); empty for a new channel or with memory off.</summary>
    public PerformanceContext Memory { get; init; } = PerformanceContext.Empty;
}

/// <summary>A writer gave up: its output stayed invalid after the allowed repairs. The run is dead-lettered with these errors.</summary>
public sealed class ScriptRejectedException(string writer, IReadOnlyList<string> errors)
    : Exception($"the {writer} writer produced no valid script after its repair turns: {string.Join("; ", errors)}")
{
    public IReadOnlyList<string> Errors { get; } = errors;
}
