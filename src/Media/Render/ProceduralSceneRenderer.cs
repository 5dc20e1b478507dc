using System.Globalization;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Media.Processes;

namespace AiVideo.Media.Render;

/// <summary>
/// The offline render provider: an animated abstract scene per shot, drawn by ffmpeg from lavfi sources.
/// The channel seed fixes the look (<see cref="ChannelStyle"/>: palette, gradient style, vignette); the prompt
/// fixes the composition (<see cref="ShotPlan"/>); the attempt nudges the motion. Equal requests give
/// byte-identical clips (bit-exact muxing, fixed encoder settings and thread counts). The clip is written to a
/// temporary file next to the output and moved into place when complete, so a half-written clip never
/// appears at the output path; cancelling kills ffmpeg and removes the partial file.
/// </summary>
public sealed class ProceduralSceneRenderer(ProcessRunner runner, FontResolver fonts) : IRenderProvider
{
    public const string ProviderName = "procedural";

    /// <summary>Longest clip this provider accepts (seconds).</summary>
    public const double MaxDurationSec = 600;

    public const int MaxFps = 120;

    public string Name => ProviderName;

    /// <summary>Frames written for a duration: round(duration × fps), at least one.</summary>
    public static int FrameCount(double durationSec, int fps) => Math.Max(1, (int)Math.Round(durationSec * fps));

    /// <summary>Free: it runs on this machine.</summary>
    public decimal EstimateCostUsd(ShotRenderRequest request) => 0m;

    public async Task<ShotRenderResult> RenderAsync(ShotRenderRequest request, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        Validate(request);
        var style = ChannelStyle.FromSeed(request.ChannelSeed);
        var plan = ShotPlan.Create(style, request.Prompt, request.Attempt);
        var frames = FrameCount(request.DurationSec, request.Fps);
        var fontFile = string.IsNullOrWhiteSpace(request.Overlay) ? null : await fonts.ResolveAsync(request.Font, cancellationToken).ConfigureAwait(false);
        var graph = SceneFilterGraph.Build(plan, request.Size, request.Fps, request.DurationSec, still: false, request.Overlay, fontFile);
        var gop = Math.Max(1, request.Fps * 2).ToString(CultureInfo.InvariantCulture);

        progress?.Report(0);
        var tracker = new FfmpegProgress(frames, progress);
        await RunToFileAsync(request.OutputPath, temp =>
        [
            "-hide_banner", "-nostdin", "-v", "error", "-nostats", "-progress", "pipe:2", "-stats_period", "0.25",
            "-filter_complex_threads", "2",
            "-filter_complex", graph,
            "-map", $"[{SceneFilterGraph.OutputLabel}]",
            "-frames:v", frames.ToString(CultureInfo.InvariantCulture),
            "-an",
            "-c:v", "libx264", "-preset", "ultrafast", "-crf", "18", "-g", gop, "-threads", "2",
            "-pix_fmt", "yuv420p",
            "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
            "-movflags", "+faststart",
            "-f", "mp4", temp,
        ], tracker.OnStderrLine, cancellationToken).ConfigureAwait(false);
        progress?.Report(1);

        return new ShotRenderResult((double)frames / request.Fps, request.ChannelSeed, 0m, style.StyleId);
    }

    /// <summary>
    /// Writes the channel's style reference still (PNG): the channel background and all its accent colours in a
    /// fixed composition. Deterministic for a seed and size.
    /// </summary>
    public async Task RenderReferenceAsync(int channelSeed, VideoSize size, string outputPath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputPath);
        VideoSize.Create(size.Width, size.Height);
        var plan = ShotPlan.Create(ChannelStyle.FromSeed(channelSeed), ShotPlan.ReferencePrompt, attempt: 1);
        var graph = SceneFilterGraph.Build(plan, size, fps: 1, durationSec: 1, still: true);
        await RunToFileAsync(Path.GetFullPath(outputPath), temp =>
        [
            "-hide_banner", "-nostdin", "-v", "error",
            "-filter_complex", graph,
            "-map", $"[{SceneFilterGraph.OutputLabel}]",
            "-frames:v", "1",
            "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact",
            "-c:v", "png", "-f", "image2", "-update", "1", temp,
        ], null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The style id the provider reports for a channel seed.</summary>
    public static string StyleIdFor(int channelSeed) => ChannelStyle.FromSeed(channelSeed).StyleId;

    private async Task RunToFileAsync(string outputPath, Func<string, IEnumerable<string>> arguments, Action<string>? onStderrLine, CancellationToken cancellationToken)
    {
        var directory = Path.GetDirectoryName(outputPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(outputPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            var result = await runner.RunAsync("ffmpeg", arguments(temp), cancellationToken, onStderrLine).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                var errors = result.StandardError.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Where(l => !l.Contains('=', StringComparison.Ordinal) || l.Contains(' ', StringComparison.Ordinal))
                    .TakeLast(4);
                throw new MediaToolException("ffmpeg", result.ExitCode, string.Join(" | ", errors));
            }
            cancellationToken.ThrowIfCancellationRequested();
            File.Move(temp, outputPath, overwrite: true);
        }
        finally
        {
            TryDelete(temp);
        }
    }

    private static void Validate(ShotRenderRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.Prompt))
        {
            throw new InvalidInputException("prompt is empty");
        }
        if (double.IsNaN(request.DurationSec) || request.DurationSec <= 0 || request.DurationSec > MaxDurationSec)
        {
            throw new InvalidInputException($"duration {request.DurationSec.ToString(CultureInfo.InvariantCulture)} s is out of range (0..{MaxDurationSec} s)");
        }
        if (request.Fps < 1 || request.Fps > MaxFps)
        {
            throw new InvalidInputException($"fps {request.Fps} is out of range (1..{MaxFps})");
        }
        if (request.Attempt < 1)
        {
            throw new InvalidInputException($"attempt {request.Attempt} must be 1 or more");
        }
        VideoSize.Create(request.Size.Width, request.Size.Height);
        if (string.IsNullOrWhiteSpace(request.OutputPath) || !Path.IsPathFullyQualified(request.OutputPath))
        {
            throw new InvalidInputException($"output path '{request.OutputPath}' must be absolute");
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
