using AiVideo.Core.Domain;

namespace AiVideo.Core.Providers;

/// <summary>
/// Fills one shot with pictures: a query/prompt in, a clip (H.264, no audio, exactly the requested size and length) plus
/// where its pictures came from and what it cost out. Implemented by the procedural renderer and the operator's library
/// today; stock sites (Pexels, Pixabay) and generators (Kling, Runway, Veo) plug in the same way. A source that cannot
/// fill a shot (nothing fits, nothing left unused) throws <see cref="SourceCannotFillException"/>, and the caller moves on
/// to the channel's next source.
/// </summary>
public interface IVisualSource
{
    /// <summary>The name a channel lists in <c>visuals.sources</c> (<see cref="VisualSources"/>).</summary>
    string Name { get; }

    Task<VisualClip> FillAsync(VisualRequest request, IProgress<double>? progress, CancellationToken cancellationToken);

    /// <summary>
    /// The price of exactly this request, without doing it (render_shot's <c>dryRun</c>): what <see cref="FillAsync"/>
    /// would cost, and whether it would return an existing clip (then nothing is spent). No default: a paid source must
    /// never be free by omission.
    /// </summary>
    (decimal CostUsd, bool Reused) Estimate(VisualRequest request);
}

/// <param name="Prompt">What the shot shows (generators draw it).</param>
/// <param name="Query">A few concrete words to search with (library, stock); the prompt when the script has none.</param>
/// <param name="OutputPath">Absolute path the clip is written to.</param>
public sealed record VisualRequest(
    string Prompt,
    string Query,
    int ChannelSeed,
    VideoSize Size,
    double DurationSec,
    int Fps,
    string OutputPath,
    int Attempt = 1)
{
    /// <summary>The channel the video is for; sources that remember what a channel used key on it.</summary>
    public string ChannelId { get; init; } = "";

    /// <summary>The run (video); one video never shows the same library item twice.</summary>
    public string RunId { get; init; } = "";

    /// <summary>The shot within the run; a repeated (run, shot) request returns the same pick.</summary>
    public string ShotId { get; init; } = "";

    /// <summary>The library source's settings (absolute folder, reuse window); null for other sources.</summary>
    public LibrarySettings? Library { get; init; }

    /// <summary>The shot's key phrase for kinetic typography (sources that draw text, e.g. procedural); null: none.</summary>
    public string? Overlay { get; init; }

    /// <summary>Font family of <see cref="Overlay"/>; null: the source's default.</summary>
    public string? Font { get; init; }

    /// <summary>
    /// Absolute path of the channel's reference image (the locked look or character), for generators that take one on
    /// every call (image-to-video, reference images); null: the channel has none, generators work from the prompt alone.
    /// </summary>
    public string? ReferenceImage { get; init; }
}

/// <param name="Provider">The provider or model that made or found the pictures.</param>
/// <param name="Parts">The items the clip is made of, in order (one for a generated shot).</param>
/// <param name="Reused">True when an earlier identical request's clip was returned without working again.</param>
/// <param name="Note">Anything an operator should know about the clip (e.g. slowed, joined).</param>
public sealed record VisualClip(
    string Source,
    string Provider,
    double DurationSec,
    decimal CostUsd,
    int SeedUsed,
    string StyleId,
    IReadOnlyList<VisualPart> Parts,
    bool Reused = false,
    string? Note = null)
{
    /// <summary>The main item (the first part's).</summary>
    public string? Item => Parts.Count > 0 ? Parts[0].Item : null;

    /// <summary>How well the main item matched the query (0..1), when the source ranks.</summary>
    public double? Score => Parts.Count > 0 ? Parts[0].Score : null;
}

/// <summary>
/// The source could not fill the shot (library empty, nothing unused left, nothing scoring above the floor, over budget):
/// not worth retrying, the caller moves to the next source. Over MCP it travels as a tool error starting with
/// <see cref="ToolErrorPrefix"/>.
/// </summary>
public sealed class SourceCannotFillException(string source, string message) : Exception($"{source}: {message}")
{
    public const string ToolErrorPrefix = "cannot fill: ";

    public string VisualSource { get; } = source;
}
