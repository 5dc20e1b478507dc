using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Media.Library;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Render.Library;

/// <summary>
/// The <c>library</c> source: fills a shot from the operator's own folder of clips and stills. The folder must be one
/// the server may read (<see cref="LibraryFolderAccess"/>); it is indexed once and again on change
/// (<see cref="LibraryIndexer"/>), items are ranked against the shot's query (<see cref="LibraryRanker"/>) leaving out
/// what this video and the channel's recent videos already used (<see cref="LibraryPickStore"/>), the beat is covered
/// (<see cref="BeatCoveragePlanner"/>) and the clip composed (<see cref="LibraryClipComposer"/>). When nothing fits it
/// throws <see cref="SourceCannotFillException"/> so the caller moves on to its next source. Free (cost 0).
/// </summary>
public sealed class LibraryVisualSource(
    LibraryFolderAccess access,
    LibraryIndexer indexer,
    LibraryPickStore picks,
    LibraryClipComposer composer,
    LibrarySourceOptions options,
    ILogger<LibraryVisualSource> logger) : IVisualSource
{
    public const string StyleId = "library";

    /// <summary>Changes when the composition changes, so older clips are not reused for new inputs.</summary>
    private const string ComposerVersion = "1";

    public string Name => VisualSources.Library;

    /// <summary>The operator's own pictures cost nothing.</summary>
    public (decimal CostUsd, bool Reused) Estimate(VisualRequest request) => (0m, false);

    public async Task<VisualClip> FillAsync(VisualRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var settings = request.Library ?? throw new InvalidInputException("the library source needs libraryPath");
        var folder = access.Resolve(settings.Path);
        var catalog = await indexer.IndexAsync(folder, cancellationToken).ConfigureAwait(false);
        if (catalog.Items.Count == 0)
        {
            throw new SourceCannotFillException(Name, $"library '{folder}' has no clips or stills");
        }
        var query = await indexer.EmbedAsync(request.Query, cancellationToken).ConfigureAwait(false);

        IReadOnlyList<VisualPart> Plan(IReadOnlySet<string> excluded)
        {
            var ranked = LibraryRanker.Rank(catalog.Items, query, request.DurationSec, options.MinScore, excluded);
            if (ranked.Count == 0)
            {
                var unused = catalog.Items.Count(i => !excluded.Contains(i.RelativePath));
                var best = LibraryRanker.Rank(catalog.Items, query, request.DurationSec, 0, excluded).FirstOrDefault();
                throw new SourceCannotFillException(Name, unused == 0
                    ? $"all {catalog.Items.Count} items of the library were used in this video or the channel's last {settings.AvoidRecentVideos} videos"
                    : $"no unused item of the library scores {options.MinScore.ToString(CultureInfo.InvariantCulture)} or more for '{request.Query}' " +
                      $"({unused} unused of {catalog.Items.Count}{(best is null ? "" : $"; best {best.Item.RelativePath} at {best.Score.ToString("0.###", CultureInfo.InvariantCulture)}")})");
            }
            return BeatCoveragePlanner.Plan(ranked, request.DurationSec)
                ?? throw new SourceCannotFillException(Name,
                    $"the matching items cover less than {BeatCoveragePlanner.MinSpeed:0.#}× of the {request.DurationSec.ToString("0.##", CultureInfo.InvariantCulture)} s beat for '{request.Query}'");
        }

        IReadOnlyList<VisualPart> parts;
        if (request.RunId.Length > 0 && request.ShotId.Length > 0)
        {
            (parts, _) = await picks.PickAsync(request.ChannelId, request.RunId, request.ShotId, folder, request.DurationSec, settings.AvoidRecentVideos, Plan, cancellationToken)
                .ConfigureAwait(false);
        }
        else
        {
            parts = Plan(new HashSet<string>()); // not part of a run: nothing to remember
        }

        var hash = InputHash(folder, catalog, parts, request);
        var sidecarPath = request.OutputPath + ".json";
        var reused = IsRendered(request.OutputPath, sidecarPath, hash);
        var duration = Media.Render.ProceduralSceneRenderer.FrameCount(request.DurationSec, request.Fps) / (double)request.Fps;
        if (!reused)
        {
            duration = await composer.ComposeAsync(folder, parts, request.Size, request.Fps, request.DurationSec, request.OutputPath, progress, cancellationToken).ConfigureAwait(false);
            var temp = sidecarPath + $".{Guid.NewGuid():N}.partial";
            await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(new LibraryShotSidecar(hash, folder, parts)), cancellationToken).ConfigureAwait(false);
            File.Move(temp, sidecarPath, overwrite: true);
        }
        logger.LogInformation("Library shot {Shot} of run {Run}: {Items} for '{Query}'", request.ShotId, request.RunId, string.Join(" + ", parts.Select(p => p.Item)), request.Query);
        return new VisualClip(Name, Name, duration, 0m, request.ChannelSeed, StyleId, parts, reused, Note(parts));
    }

    private static string? Note(IReadOnlyList<VisualPart> parts)
    {
        var notes = new List<string>();
        if (parts.Count > 1) notes.Add($"joined {parts.Count} picks");
        if (parts.Any(p => p.Speed < 1)) notes.Add($"slowed to {parts.Min(p => p.Speed).ToString("0.##", CultureInfo.InvariantCulture)}×");
        if (parts.Any(p => p.Still)) notes.Add("still with pan/zoom");
        return notes.Count == 0 ? null : string.Join("; ", notes);
    }

    private static string InputHash(string folder, LibraryCatalog catalog, IReadOnlyList<VisualPart> parts, VisualRequest request)
    {
        var byPath = catalog.Items.ToDictionary(i => i.RelativePath, StringComparer.Ordinal);
        var text = new StringBuilder(ComposerVersion).Append('\n').Append(folder).Append('\n')
            .Append(request.Size).Append('|').Append(request.Fps.ToString(CultureInfo.InvariantCulture)).Append('|')
            .Append(request.DurationSec.ToString("R", CultureInfo.InvariantCulture)).Append('\n')
            .Append(JsonSerializer.Serialize(parts)).Append('\n');
        foreach (var part in parts)
        {
            if (!byPath.TryGetValue(part.Item, out var item))
            {
                throw new SourceCannotFillException(VisualSources.Library, $"the picked item '{part.Item}' is no longer in the library");
            }
            text.Append(item.SizeBytes.ToString(CultureInfo.InvariantCulture)).Append('|').Append(item.ModifiedTicks.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..24];
    }

    private static bool IsRendered(string clipPath, string sidecarPath, string hash)
    {
        if (!File.Exists(clipPath) || !File.Exists(sidecarPath)) return false;
        try
        {
            return JsonSerializer.Deserialize<LibraryShotSidecar>(File.ReadAllText(sidecarPath))?.InputHash == hash;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>What a library clip was made of, kept next to it as <c>&lt;clip&gt;.json</c>.</summary>
    private sealed record LibraryShotSidecar(string InputHash, string Library, IReadOnlyList<VisualPart> Parts);
}
