namespace AiVideo.Core.Domain;

/// <summary>
/// One piece of a shot's clip and where it came from: a library file, a stock item id, a generation id.
/// </summary>
/// <param name="Item">The item: a library-relative file path, a stock or generation id; the style id for procedural shots.</param>
/// <param name="Score">How well it matched the shot's query (0..1); null when the source does not rank.</param>
/// <param name="StartSec">Where in the item the part starts (seconds of the item).</param>
/// <param name="DurationSec">How long the part lasts in the clip (seconds of the clip).</param>
/// <param name="Speed">Playback speed (1 = as recorded; never below 0.8).</param>
/// <param name="Still">True for a still picture (animated with a slow pan/zoom).</param>
public sealed record VisualPart(string Item, double? Score, double StartSec, double DurationSec, double Speed = 1, bool Still = false)
{
    /// <summary>Who made the item and under which licence (stock footage); null when the source asks for none.</summary>
    public VisualCredit? Credit { get; init; }

    /// <summary>The provider's id of the job that made the item (a generation task, an operation name); null for found footage.</summary>
    public string? TaskId { get; init; }
}

/// <summary>
/// Attribution of a found item (stock footage): the author, links to the author and to the item's page, the licence,
/// and whether the provider asks for the credit to be shown (then it goes into the published description).
/// </summary>
public sealed record VisualCredit(string Provider, string Author, string? AuthorUrl, string? PageUrl, string License, bool Required = false)
{
    /// <summary>One line for a published description, e.g. "Video by Jane Doe on Pexels (https://…)".</summary>
    public string ToDescriptionLine() => $"Video by {Author} on {Provider}" + (PageUrl is { Length: > 0 } url ? $" ({url})" : "");
}
