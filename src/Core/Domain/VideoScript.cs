using System.Text.Json.Serialization;

namespace AiVideo.Core.Domain;

/// <summary>A structured short-video script. Always validated against <see cref="Scripts.VideoScriptSchema"/>.</summary>
public sealed record VideoScript
{
    public required string Title { get; init; }
    public required string Hook { get; init; }
    public required IReadOnlyList<ScriptBeat> Beats { get; init; }
    public required IReadOnlyList<ShotSpec> Shots { get; init; }
    public required string Cta { get; init; }
    public IReadOnlyList<string> Hashtags { get; init; } = [];

    /// <summary>The narration, in speaking order: hook, every beat, CTA.</summary>
    [JsonIgnore]
    public string NarrationText =>
        string.Join(" ", new[] { Hook }.Concat(Beats.Select(b => b.Text)).Append(Cta).Where(s => !string.IsNullOrWhiteSpace(s)));
}

/// <summary>One spoken beat, shown over one shot.</summary>
public sealed record ScriptBeat(string Text, string ShotId);

/// <summary>One visual shot. Duration is the planned length; assembly fits shots to the narration.</summary>
/// <param name="Query">Search words for sources that look pictures up (library, stock): a few concrete nouns of what the shot shows; null: derived from the prompt.</param>
public sealed record ShotSpec(string Id, string Prompt, double DurationSec, string? Query = null);
