using System.ComponentModel;
using System.Globalization;
using AiVideo.Contracts;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Core.Workspace;
using AiVideo.McpServers.Render.Drift;
using AiVideo.McpServers.Render.Sources;
using AiVideo.Media.Processes;
using AiVideo.Media.Probing;
using AiVideo.Media.Render;
using AiVideo.Media.Similarity;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace AiVideo.McpServers.Render.Tools;

/// <summary>Shot rendering, drift measurement and probing over the shared artifact workspace.</summary>
/// <remarks>
/// <paramref name="drift"/> and <paramref name="footage"/> come from <c>AddDriftGate</c>; a server without it measures drift
/// by colour histogram only and checks footage with a sampler of its own.
/// </remarks>
[McpServerToolType]
public sealed class RenderTools(ArtifactWorkspace workspace, ShotRenderStore store, VisualSourceCatalog sources, ShotSimilarity similarity, MediaProbe probe,
    ProcessRunner runner, ShotDriftMeasurer? drift = null, FootageCheck? footage = null)
{
    private readonly ShotDriftMeasurer _drift = drift ?? new ShotDriftMeasurer(similarity, null, new DriftEmbeddingOptions());
    private readonly FootageCheck _footage = footage ?? new FootageCheck(new FrameSampler(runner, probe));

    public const double MinDurationSec = 0.5;
    public const double MaxDurationSec = 60;

    [McpServerTool(Name = "render_shot", UseStructuredContent = true, Idempotent = true)]
    [Description("Fills one vertical shot (H.264, no audio) from a visual source: 'procedural' draws the prompt in the channel's locked look; " +
        "'library' picks the operator's own clips/stills that best match the query (never twice in a run, not within the channel's recent videos), " +
        "crops them to the frame and trims them to the beat. Returns the clip with its provenance (source, item, score). A source that cannot fill " +
        "the shot answers with an error starting 'cannot fill: ' (try the next source). Identical inputs return the existing clip without rendering again. " +
        "costUsd is what the shot cost; with dryRun it is the price quote and nothing is rendered.")]
    public async Task<RenderShotToolResult> RenderShotAsync(
        [Description("What the shot shows, 3..300 characters.")] string prompt,
        [Description("The channel's locked visual seed; fixes the palette and style.")] int channelSeed,
        [Description("Shot length in seconds, 0.5..60.")] double durationSec,
        IProgress<ProgressNotificationValue> progress,
        CancellationToken cancellationToken,
        [Description("Frame width in pixels (even, 64..4096).")] int width = 1080,
        [Description("Frame height in pixels (even, 64..4096).")] int height = 1920,
        [Description("Frames per second, 1..60.")] int fps = 30,
        [Description("Render attempt, 1..10; re-renders after a drift failure count up.")] int attempt = 1,
        [Description("Optional workspace-relative .mp4 path; default shots/<hash of the inputs>.mp4.")] string? outputPath = null,
        [Description("Optional key phrase (up to 28 characters: letters, digits, spaces, . , % -) set large over a procedural shot as kinetic typography, e.g. \"4 CM A YEAR\".")] string? overlayText = null,
        [Description("Optional font family of the key phrase (installed, fontconfig name); default DejaVu Sans Bold.")] string? font = null,
        [Description("Visual source: 'procedural' (default), 'library', stock 'pexels' or 'pixabay', or generator 'kling', 'runway' or 'veo' (the cloud ones need the server's keys).")] string source = VisualSources.Procedural,
        [Description("Search words for sources that look pictures up (library): a few concrete nouns; default: the prompt.")] string? query = null,
        [Description("Library source: absolute path of the library folder; the server must have been allowed to read it (AIVIDEO_RENDER_LIBRARIES).")] string? libraryPath = null,
        [Description("Library source: items used in the channel's last N videos are not picked again (0..1000, default 5).")] int avoidRecentVideos = 5,
        [Description("The channel the video is for (library: what it used recently).")] string? channelId = null,
        [Description("The run (video) the shot belongs to (library: no item twice in a run; with shotId, a repeated call returns the same pick).")] string? runId = null,
        [Description("The shot's id within the run.")] string? shotId = null,
        [Description("Generators: workspace-relative path of the channel's reference image (its locked look or character), sent with every call; default none.")] string? referenceImagePath = null,
        [Description("True: render nothing, answer with the price of exactly this request in costUsd (dryRun: true in the result); the Host reserves it against the channel's budget before the real call.")] bool dryRun = false)
    {
        prompt = (prompt ?? "").Trim();
        if (prompt.Length is < 3 or > 300)
        {
            throw new InvalidInputException($"prompt must be 3..300 characters (got {prompt.Length})");
        }
        if (double.IsNaN(durationSec) || durationSec < MinDurationSec || durationSec > MaxDurationSec)
        {
            throw new InvalidInputException($"durationSec {durationSec.ToString(CultureInfo.InvariantCulture)} is out of range ({MinDurationSec}..{MaxDurationSec})");
        }
        if (fps is < 1 or > 60)
        {
            throw new InvalidInputException($"fps {fps} is out of range (1..60)");
        }
        if (attempt is < 1 or > 10)
        {
            throw new InvalidInputException($"attempt {attempt} is out of range (1..10)");
        }
        if (avoidRecentVideos is < 0 or > 1000)
        {
            throw new InvalidInputException($"avoidRecentVideos {avoidRecentVideos} is out of range (0..1000)");
        }
        var visual = sources.Find(source);
        query = string.IsNullOrWhiteSpace(query) ? prompt : query.Trim();
        if (query.Length > 300) query = query[..300];
        var size = VideoSize.Create(width, height);
        var overlay = KineticText.Sanitize(overlayText);
        if (!string.IsNullOrWhiteSpace(overlayText) && overlay.Length == 0)
        {
            throw new InvalidInputException("overlayText has no letters or digits to draw");
        }
        var overlayOrNull = overlay.Length == 0 ? null : overlay;
        var fontOrNull = string.IsNullOrWhiteSpace(font) ? null : font.Trim();
        var relative = string.IsNullOrWhiteSpace(outputPath)
            ? DefaultOutputPath(visual.Name, prompt, query, channelSeed, durationSec, size, fps, attempt, libraryPath, runId, shotId, overlayOrNull, fontOrNull, referenceImagePath)
            : outputPath.Trim();
        if (!relative.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException($"outputPath '{relative}' must end in .mp4");
        }
        // A price quote must not even create the clip's folder.
        var full = dryRun ? workspace.Resolve(relative) : workspace.ResolveForWrite(relative);
        var request = new VisualRequest(prompt, query, channelSeed, size, durationSec, fps, full, attempt)
        {
            ChannelId = (channelId ?? "").Trim(),
            RunId = (runId ?? "").Trim(),
            ShotId = PickKey((shotId ?? "").Trim(), attempt),
            Library = libraryPath is null ? null : new LibrarySettings { Path = libraryPath.Trim(), AvoidRecentVideos = avoidRecentVideos },
            Overlay = overlayOrNull,
            Font = fontOrNull,
            ReferenceImage = string.IsNullOrWhiteSpace(referenceImagePath) ? null : workspace.ResolveExistingFile(referenceImagePath.Trim()),
        };
        if (dryRun)
        {
            var (price, wouldReuse) = visual.Estimate(request);
            return new RenderShotToolResult(workspace.ToRelative(full), visual.Name, channelSeed, durationSec, attempt, price, "", wouldReuse, Source: visual.Name, DryRun: true);
        }

        var percent = new InlineProgress(p => progress.Report(new ProgressNotificationValue
        {
            Progress = (float)Math.Round(p * 100, 1),
            Total = 100,
            Message = $"rendering {relative}",
        }));
        var clip = await visual.FillAsync(request, percent, cancellationToken).ConfigureAwait(false);
        return new RenderShotToolResult(workspace.ToRelative(full), clip.Provider, clip.SeedUsed, clip.DurationSec, attempt, clip.CostUsd, clip.StyleId, clip.Reused,
            clip.Source, clip.Item, clip.Score, clip.Parts, clip.Note);
    }

    private string DefaultOutputPath(string source, string prompt, string query, int seed, double durationSec, VideoSize size, int fps, int attempt, string? library, string? runId, string? shotId,
        string? overlay, string? font, string? reference)
    {
        if (source == VisualSources.Procedural)
        {
            return $"shots/{store.InputHash(new ShotRenderRequest(prompt, seed, size, durationSec, fps, "", attempt, overlay, font))}.mp4";
        }
        var key = string.Join('\u001f', source, query, seed.ToString(CultureInfo.InvariantCulture), durationSec.ToString("R", CultureInfo.InvariantCulture), size.ToString(),
            fps.ToString(CultureInfo.InvariantCulture), library ?? "", runId ?? "", shotId ?? "", prompt, attempt.ToString(CultureInfo.InvariantCulture), reference ?? "");
        return $"shots/{source}-{Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key)))[..24]}.mp4";
    }

    [McpServerTool(Name = "shot_similarity", UseStructuredContent = true, ReadOnly = true, Idempotent = true)]
    [Description("Scores how well a clip keeps the channel's look against a reference (0..1 over 3 sampled frames); shots below the channel's drift threshold " +
        "should be re-rendered. method 'histogram' compares colour palettes (procedural shots); 'embedding' compares image embeddings (the server's " +
        "drift embedding provider; sees the subject, for cloud-generated shots); 'auto' uses embeddings for kling/runway/veo shots when a provider is " +
        "configured and the histogram otherwise. The result names the method used; note says when the histogram judged generative footage.")]
    public async Task<ShotSimilarityToolResult> ShotSimilarityAsync(
        [Description("Workspace-relative path of the clip to check.")] string clipPath,
        [Description("The channel's locked visual seed (selects the default style reference).")] int channelSeed,
        CancellationToken cancellationToken,
        [Description("Optional workspace-relative reference: an image, or a clip (its middle frame for embeddings, its first for the histogram). Default: the procedural style reference for the seed (rendered once under references/); required for cloud-generated shots.")] string? referencePath = null,
        [Description("'auto' (default), 'histogram' or 'embedding'.")] string method = ShotDriftMeasurer.Auto,
        [Description("The visual source that filled the shot (procedural, library, pexels, pixabay, kling, runway, veo); drives 'auto'. Default: procedural.")] string? source = null)
    {
        var clip = workspace.ResolveExistingFile(clipPath);
        if (string.IsNullOrWhiteSpace(referencePath) && VisualSources.IsCloudGenerator(source))
        {
            throw new InvalidInputException($"a {source} shot needs referencePath: the channel's reference image or the run's first accepted generated shot (the procedural style reference says nothing about generated footage)");
        }
        var referenceRelative = string.IsNullOrWhiteSpace(referencePath)
            ? await store.EnsureReferenceAsync(channelSeed, cancellationToken).ConfigureAwait(false)
            : referencePath.Trim();
        var reference = workspace.ResolveExistingFile(referenceRelative);
        try
        {
            var (result, note) = await _drift.MeasureAsync(clip, reference, method, source, cancellationToken).ConfigureAwait(false);
            return new ShotSimilarityToolResult(result.Similarity, result.Method, result.FramesCompared, workspace.ToRelative(reference), result.Frozen, note);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidInputException(FirstLine(ex.Message));
        }
    }

    [McpServerTool(Name = "check_footage", UseStructuredContent = true, ReadOnly = true, Idempotent = true)]
    [Description("Technical sanity of a shot's clip, for found footage (library, stock) that is not gated on similarity: its size as probed against the " +
        "shot size asked for (and so its orientation after the crop), its brightness over five sampled frames (black footage), and whether it moves " +
        "(a frozen clip; a still with pan/zoom moves). Only measures; the caller's gate decides.")]
    public async Task<FootageCheckToolResult> CheckFootageAsync(
        [Description("Workspace-relative path of the clip to check.")] string clipPath,
        [Description("The shot's frame width as requested from render_shot.")] int width,
        [Description("The shot's frame height as requested from render_shot.")] int height,
        CancellationToken cancellationToken)
    {
        if (width is < 2 or > 8192 || height is < 2 or > 8192)
        {
            throw new InvalidInputException($"expected size {width}x{height} is out of range (2..8192)");
        }
        var clip = workspace.ResolveExistingFile(clipPath);
        try
        {
            var facts = await _footage.MeasureAsync(clip, cancellationToken).ConfigureAwait(false);
            return new FootageCheckToolResult(workspace.ToRelative(clip), facts.Width, facts.Height, width, height,
                facts.Width == width && facts.Height == height, facts.Width < facts.Height == width < height,
                facts.MeanLuma, facts.DarkestFrameLuma, facts.Motion, facts.Frozen, facts.FramesSampled);
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidInputException(FirstLine(ex.Message));
        }
    }

    [McpServerTool(Name = "probe_media", UseStructuredContent = true, ReadOnly = true, Idempotent = true)]
    [Description("Reads container and stream facts (duration, codecs, size, frame rate, pixel format, fast start) of a media file in the workspace.")]
    public async Task<ProbeMediaToolResult> ProbeMediaAsync(
        [Description("Workspace-relative path of the media file.")] string path,
        CancellationToken cancellationToken)
    {
        var full = workspace.ResolveExistingFile(path);
        MediaInfo info;
        try
        {
            info = await probe.ProbeAsync(full, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw new InvalidInputException($"'{path}' is not a media file ffprobe can read");
        }
        return new ProbeMediaToolResult(workspace.ToRelative(full), info.DurationSec, info.VideoCodec, info.AudioCodec, info.Width, info.Height,
            Math.Round(info.FrameRate, 3), info.PixelFormat, info.VideoDurationSec, info.AudioDurationSec, info.SizeBytes, info.FastStart);
    }

    /// <summary>
    /// The shot id the sources remember a pick under: a re-render (attempt 2 and on) of a shot is a new pick, so a library
    /// or stock shot refused by the footage gate is not handed back the same item (the run's earlier picks stay excluded).
    /// </summary>
    public static string PickKey(string shotId, int attempt) => shotId.Length == 0 || attempt <= 1 ? shotId : $"{shotId}@a{attempt}";

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private sealed class InlineProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
