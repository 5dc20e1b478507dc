using System.ComponentModel;
using System.Globalization;
using AiVideo.Contracts;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Core.Workspace;
using AiVideo.Media.Probing;
using AiVideo.Media.Similarity;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace AiVideo.McpServers.Render.Tools;

/// <summary>Shot rendering, drift measurement and probing over the shared artifact workspace.</summary>
[McpServerToolType]
public sealed class RenderTools(ArtifactWorkspace workspace, ShotRenderStore store, ShotSimilarity similarity, MediaProbe probe)
{
    public const double MinDurationSec = 0.5;
    public const double MaxDurationSec = 60;

    [McpServerTool(Name = "render_shot", UseStructuredContent = true, Idempotent = true)]
    [Description("Renders one vertical shot (H.264, no audio) for a prompt in the channel's locked look. Identical inputs return the existing clip without rendering again. costUsd is what the render cost; with dryRun it is the price quote and nothing is rendered.")]
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
        var size = VideoSize.Create(width, height);
        var request = new ShotRenderRequest(prompt, channelSeed, size, durationSec, fps, "", attempt);
        var relative = string.IsNullOrWhiteSpace(outputPath) ? $"shots/{store.InputHash(request)}.mp4" : outputPath.Trim();
        if (!relative.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidInputException($"outputPath '{relative}' must end in .mp4");
        }
        if (dryRun)
        {
            var target = workspace.Resolve(relative);
            var (price, wouldReuse) = store.Estimate(request, target);
            return new RenderShotToolResult(workspace.ToRelative(target), store.ProviderName, channelSeed, durationSec, attempt, price, "", wouldReuse, DryRun: true);
        }
        var full = workspace.ResolveForWrite(relative);

        var percent = new InlineProgress(p => progress.Report(new ProgressNotificationValue
        {
            Progress = (float)Math.Round(p * 100, 1),
            Total = 100,
            Message = $"rendering {relative}",
        }));
        var (shot, reused) = await store.RenderAsync(request, full, percent, cancellationToken).ConfigureAwait(false);
        return new RenderShotToolResult(workspace.ToRelative(full), shot.Provider, shot.Seed, shot.DurationSec, shot.Attempt, shot.CostUsd, shot.StyleId, reused);
    }

    [McpServerTool(Name = "shot_similarity", UseStructuredContent = true, ReadOnly = true, Idempotent = true)]
    [Description("Scores how well a clip keeps the channel's look (0..1, colour palette over 3 sampled frames) against a reference image; shots below the channel's drift threshold should be re-rendered.")]
    public async Task<ShotSimilarityToolResult> ShotSimilarityAsync(
        [Description("Workspace-relative path of the clip to check.")] string clipPath,
        [Description("The channel's locked visual seed (selects the default style reference).")] int channelSeed,
        CancellationToken cancellationToken,
        [Description("Optional workspace-relative reference image; default is the provider's style reference for the seed (rendered once under references/).")] string? referencePath = null)
    {
        var clip = workspace.ResolveExistingFile(clipPath);
        var referenceRelative = string.IsNullOrWhiteSpace(referencePath)
            ? await store.EnsureReferenceAsync(channelSeed, cancellationToken).ConfigureAwait(false)
            : referencePath.Trim();
        var reference = workspace.ResolveExistingFile(referenceRelative);
        try
        {
            var result = await similarity.CompareAsync(clip, reference, cancellationToken).ConfigureAwait(false);
            return new ShotSimilarityToolResult(result.Similarity, result.Method, result.FramesCompared, workspace.ToRelative(reference), result.Frozen);
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

    private static string FirstLine(string text) => text.Split('\n', 2)[0].Trim();

    private sealed class InlineProgress(Action<double> report) : IProgress<double>
    {
        public void Report(double value) => report(value);
    }
}
