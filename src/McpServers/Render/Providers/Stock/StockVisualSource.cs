using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Media.Library;
using AiVideo.Media.Render;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// The <c>pexels</c> and <c>pixabay</c> sources (one instance per provider, over its <see cref="IStockSearchClient"/>):
/// searches by the shot's query, scores each result's text against the query with the server's embedding model (below
/// <see cref="StockProviderOptions.MinScore"/> a result is never picked), prefers portrait results and results that
/// cover the beat alone, and joins shorter ones only when no single result is long enough
/// (<see cref="BeatCoveragePlanner"/>: never slowed below 0.8×). A run never gets the same stock item twice, and a
/// repeated (run, shot) request gets its recorded pick (<see cref="StockPickStore"/>). The rendition nearest the output
/// is downloaded at once into the cache (<see cref="StockDownloader"/>) and fitted to the beat by
/// <see cref="LibraryClipComposer"/>; a sidecar <c>&lt;clip&gt;.json</c> holds the request's hash, so an identical request
/// returns the clip (<c>Reused</c>) without any HTTP call. Free: cost 0; requests are counted (<see cref="StockUsage"/>).
/// Anything that keeps it from filling the shot (no key, refused key, nothing relevant or long enough, provider down)
/// is a <see cref="SourceCannotFillException"/> with the reason, so the channel's next source takes over.
/// </summary>
public sealed class StockVisualSource(
    IStockSearchClient client,
    StockPickStore picks,
    StockDownloader downloader,
    LibraryClipComposer composer,
    IEmbeddingGenerator<string, Embedding<float>> embedder,
    StockStorage storage,
    ILogger<StockVisualSource> logger) : IVisualSource
{
    public const string StyleId = "stock";

    /// <summary>Changes when the way a clip is made changes, so older clips are not reused for new inputs.</summary>
    private const string Version = "1";

    private StockProviderOptions Options => client.Options;

    public string Name => client.Provider;

    public (decimal CostUsd, bool Reused) Estimate(VisualRequest request) => (0m, ReadRendered(request) is not null);

    public async Task<VisualClip> FillAsync(VisualRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var frameDuration = ProceduralSceneRenderer.FrameCount(request.DurationSec, request.Fps) / (double)request.Fps;
        if (ReadRendered(request) is { } rendered)
        {
            return new VisualClip(Name, Name, frameDuration, 0m, request.ChannelSeed, StyleId, rendered, Reused: true, Note(rendered));
        }
        if (string.IsNullOrWhiteSpace(Options.ApiKey))
        {
            throw new SourceCannotFillException(Name, $"no API key: set {Options.KeyHint}");
        }
        var query = request.Query.Trim();
        if (query.Length == 0) throw new SourceCannotFillException(Name, "the shot has no query to search with");

        var inRun = request.RunId.Length > 0 && request.ShotId.Length > 0;
        var requestKey = string.Create(CultureInfo.InvariantCulture, $"{query}\n{request.DurationSec:R}\n{request.Size}");
        var picked = inRun ? await picks.FindAsync(Name, request.RunId, request.ShotId, requestKey, cancellationToken).ConfigureAwait(false) : null;
        if (picked is null)
        {
            var (candidates, queryVector) = await CandidatesAsync(query, request.Size, cancellationToken).ConfigureAwait(false);
            IReadOnlyList<StockPickedPart> Plan(IReadOnlySet<string> used) => PlanParts(candidates, queryVector, query, request.DurationSec, used);
            picked = inRun
                ? await picks.RecordAsync(Name, request.RunId, request.ShotId, requestKey, Plan, cancellationToken).ConfigureAwait(false)
                : Plan(new HashSet<string>());
        }

        try
        {
            foreach (var part in picked.DistinctBy(p => p.Part.Item))
            {
                await downloader.EnsureAsync(part.DownloadUrl, storage.FullPath(part.Part.Item), part.ItemKey, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is StockApiException or HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            if (inRun) await picks.ForgetAsync(Name, request.RunId, request.ShotId, cancellationToken).ConfigureAwait(false);
            throw new SourceCannotFillException(Name, ex is StockApiException ? ex.Message : $"could not download from {Options.DisplayName}: {ex.Message}");
        }

        var parts = picked.Select(p => p.Part).ToList();
        var duration = await composer.ComposeAsync(storage.Root, parts, request.Size, request.Fps, request.DurationSec, request.OutputPath, progress, cancellationToken)
            .ConfigureAwait(false);
        var sidecarPath = request.OutputPath + ".json";
        var temp = sidecarPath + $".{Guid.NewGuid():N}.partial";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(new StockShotSidecar(RequestHash(request), Name, parts)), cancellationToken).ConfigureAwait(false);
        File.Move(temp, sidecarPath, overwrite: true);
        logger.LogInformation("{Provider} shot {Shot} of run {Run}: {Items} for '{Query}'", Options.DisplayName, request.ShotId, request.RunId,
            string.Join(" + ", picked.Select(p => p.ItemKey)), query);
        return new VisualClip(Name, Name, duration, 0m, request.ChannelSeed, StyleId, parts, Reused: false, Note(parts));
    }

    private sealed record Candidate(StockItem Item, StockRendition Rendition, LibraryItem Ranked);

    private async Task<(IReadOnlyList<Candidate> Candidates, float[] Query)> CandidatesAsync(string query, VideoSize size, CancellationToken cancellationToken)
    {
        IReadOnlyList<StockItem> results;
        try
        {
            results = await client.SearchAsync(query, cancellationToken).ConfigureAwait(false);
        }
        catch (StockApiException ex)
        {
            throw new SourceCannotFillException(Name, ex.Message);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new SourceCannotFillException(Name, $"could not reach {Options.DisplayName}: {ex.Message}");
        }
        var usable = results.Where(r => r.DurationSec > 0 && r.Renditions.Count > 0).DistinctBy(r => r.Key).ToList();
        if (usable.Count == 0) throw new SourceCannotFillException(Name, $"no {Options.DisplayName} result for '{query}'");

        var vectors = await embedder.GenerateAsync([query, .. usable.Select(r => r.Text)], cancellationToken: cancellationToken).ConfigureAwait(false);
        var candidates = new List<Candidate>();
        for (var i = 0; i < usable.Count; i++)
        {
            var item = usable[i];
            var rendition = StockRenditionChooser.Choose(item.Renditions, size)!;
            var (width, height) = item.Width > 0 && item.Height > 0 ? (item.Width, item.Height) : (rendition.Width, rendition.Height);
            var ranked = new LibraryItem(StockRenditionChooser.RelativePath(item, rendition), LibraryItemKind.Clip, width, height, item.DurationSec, item.Text, 0, 0,
                vectors[i + 1].Vector.ToArray());
            candidates.Add(new Candidate(item, rendition, ranked));
        }
        return (candidates, vectors[0].Vector.ToArray());
    }

    /// <summary>
    /// Ranks the unused candidates like the library (similarity, then portrait and covers-the-beat bonuses), puts the ones
    /// that cover the beat alone first — shorter results are only joined when none does — and plans the beat.
    /// </summary>
    private List<StockPickedPart> PlanParts(IReadOnlyList<Candidate> candidates, float[] query, string text, double beatSec, IReadOnlySet<string> used)
    {
        var available = candidates.Where(c => !used.Contains(c.Item.Key)).ToList();
        var floor = Options.MinScore;
        var none = new HashSet<string>();
        var ranked = LibraryRanker.Rank(available.Select(c => c.Ranked), query, beatSec, floor, none);
        if (ranked.Count == 0)
        {
            if (available.Count == 0)
            {
                throw new SourceCannotFillException(Name, $"all {candidates.Count} {Options.DisplayName} results for '{text}' are already used in this video");
            }
            var best = LibraryRanker.Rank(available.Select(c => c.Ranked), query, beatSec, 0, none).FirstOrDefault();
            throw new SourceCannotFillException(Name, string.Create(CultureInfo.InvariantCulture,
                $"no {Options.DisplayName} result for '{text}' scores ≥ {floor} ({available.Count} results{(best is null ? "" : $"; best '{best.Item.Text}' at {best.Score:0.###}")})"));
        }
        var alone = ranked.Where(r => r.Item.DurationSec >= beatSec * BeatCoveragePlanner.MinSpeed).ToList();
        var ordered = alone.Count > 0 ? alone : ranked;
        var parts = BeatCoveragePlanner.Plan(ordered, beatSec) ?? throw new SourceCannotFillException(Name, string.Create(CultureInfo.InvariantCulture,
            $"no {Options.DisplayName} result for '{text}' lasts {beatSec:0.##} s (longest {ranked.Max(r => r.Item.DurationSec):0.##} s), and joined they cover less than {BeatCoveragePlanner.MinSpeed:0.#}× of it"));
        var byPath = available.ToDictionary(c => c.Ranked.RelativePath, StringComparer.Ordinal);
        return parts.Select(p =>
        {
            var candidate = byPath[p.Item];
            return new StockPickedPart(p with { Credit = candidate.Item.Credit }, candidate.Item.Key, candidate.Rendition.Url);
        }).ToList();
    }

    private string RequestHash(VisualRequest request)
    {
        var text = string.Create(CultureInfo.InvariantCulture,
            $"{Version}\n{Name}\n{Options.BaseUrl}\n{request.Query.Trim()}\n{request.Size}|{request.Fps}|{request.DurationSec:R}\n{request.RunId}|{request.ShotId}\n{Options.MinScore:R}|{Options.PerPage}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..24];
    }

    /// <summary>The parts of the clip already made for exactly this request, or null.</summary>
    private IReadOnlyList<VisualPart>? ReadRendered(VisualRequest request)
    {
        var sidecarPath = request.OutputPath + ".json";
        if (!File.Exists(request.OutputPath) || !File.Exists(sidecarPath)) return null;
        try
        {
            var sidecar = JsonSerializer.Deserialize<StockShotSidecar>(File.ReadAllText(sidecarPath));
            return sidecar is not null && sidecar.InputHash == RequestHash(request) && sidecar.Parts.Count > 0 ? sidecar.Parts : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
    }

    private static string? Note(IReadOnlyList<VisualPart> parts)
    {
        var notes = new List<string>();
        if (parts.Count > 1) notes.Add($"joined {parts.Count} stock results");
        if (parts.Any(p => p.Speed < 1)) notes.Add($"slowed to {parts.Min(p => p.Speed).ToString("0.##", CultureInfo.InvariantCulture)}×");
        if (parts.Any(p => p.Credit is { Required: true })) notes.Add("credit required: " + string.Join("; ", parts.Where(p => p.Credit is { Required: true }).Select(p => p.Credit!.ToDescriptionLine()).Distinct()));
        return notes.Count == 0 ? null : string.Join("; ", notes);
    }

    /// <summary>What a stock clip was made of, kept next to it as <c>&lt;clip&gt;.json</c>.</summary>
    private sealed record StockShotSidecar(string InputHash, string Provider, IReadOnlyList<VisualPart> Parts);
}
