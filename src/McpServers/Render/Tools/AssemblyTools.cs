using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using AiVideo.Contracts;
using AiVideo.Core;
using AiVideo.Core.Captions;
using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Media.Assembly;
using AiVideo.Media.Loudness;
using AiVideo.Media.Probing;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace AiVideo.McpServers.Render.Tools;

/// <summary>Deterministic assembly for any MCP client: shots + narration + word-synced captions in one ffmpeg pass.</summary>
[McpServerToolType]
public sealed class AssemblyTools(ArtifactWorkspace workspace, VideoAssembler assembler, LoudnessMeter loudness, MediaProbe probe)
{
    private readonly CaptionCueBuilder _cues = new();

    [McpServerTool(Name = "assemble_video", UseStructuredContent = true, Idempotent = true)]
    [Description("Assembles the final short in one ffmpeg pass: shots fitted to the narration, captions of 1–3 words with the spoken word highlighted burned in the safe area, narration levelled to about -14 LUFS, optional music looped under it and ducked while the voice speaks (ducking depth measured and returned), H.264/AAC yuv420p +faststart.")]
    public async Task<AssembleToolResult> AssembleVideoAsync(
        [Description("Workspace-relative .mp4 shot clips, in order (1..50).")] string[] shotPaths,
        [Description("Narration WAV, workspace-relative.")] string narrationPath,
        [Description("Word timings of the narration: [{word, startMs, endMs}], as synthesize_speech returns them.")] WordTiming[] words,
        [Description("Seconds each shot is shown, same count as shotPaths; default equal shares of the narration.")] double[]? shotDurations = null,
        [Description("Output width in pixels.")] int width = 1080,
        [Description("Output height in pixels.")] int height = 1920,
        [Description("Frames per second, 1..60.")] int fps = 30,
        [Description("Optional background music track, workspace-relative: looped or trimmed to the narration, faded in and out, ducked while the voice speaks.")] string? musicPath = null,
        [Description("Music loudness where nobody speaks, in LU relative to the narration's -14 LUFS target (-40..-10).")] double musicVolumeDb = -18,
        [Description("How far the music goes down while the voice speaks, in dB (0..40).")] double musicDuckDb = 12,
        [Description("Workspace-relative output .mp4; default videos/<hash>.mp4.")] string? outputPath = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (shotPaths is null || shotPaths.Length is 0 or > 50) throw new InvalidInputException("shotPaths must list 1..50 clips");
        if (words is null || words.Length == 0) throw new InvalidInputException("words are required (the narration's word timings)");
        if (shotDurations is not null && shotDurations.Length != shotPaths.Length)
        {
            throw new InvalidInputException($"shotDurations has {shotDurations.Length} values for {shotPaths.Length} shots");
        }
        if (fps is < 1 or > 60) throw new InvalidInputException($"fps {fps} must be 1..60");
        var size = VideoSize.Create(width, height);
        var clips = shotPaths.Select(workspace.ResolveExistingFile).ToList();
        var narration = workspace.ResolveExistingFile(narrationPath);
        var music = musicPath is null ? null : workspace.ResolveExistingFile(musicPath);
        if (music is not null && musicVolumeDb is < AssemblyMusic.MinVolumeDb or > AssemblyMusic.MaxVolumeDb)
        {
            throw new InvalidInputException($"musicVolumeDb {musicVolumeDb} must be {AssemblyMusic.MinVolumeDb}..{AssemblyMusic.MaxVolumeDb}");
        }
        if (music is not null && musicDuckDb is < 0 or > AssemblyMusic.MaxDuckDb) throw new InvalidInputException($"musicDuckDb {musicDuckDb} must be 0..{AssemblyMusic.MaxDuckDb}");

        var narrationSec = Math.Max(words.Max(w => w.EndMs) / 1000.0, await DurationAsync(narration, cancellationToken).ConfigureAwait(false));
        var durations = shotDurations ?? Enumerable.Repeat(narrationSec / clips.Count, clips.Count).ToArray();
        if (durations.Any(d => d <= 0 || d > 600)) throw new InvalidInputException("every shot duration must be 0..600 seconds");

        outputPath ??= $"videos/{Hash(string.Join("\n", shotPaths.Concat([narrationPath, $"{size}", $"{fps}", musicPath ?? "", music is null ? "" : $"{musicVolumeDb:R}/{musicDuckDb:R}"]).Concat(durations.Select(d => d.ToString("R")))))[..24]}.mp4";
        if (!outputPath.EndsWith(".mp4", StringComparison.OrdinalIgnoreCase)) throw new InvalidInputException($"outputPath '{outputPath}' must end with .mp4");
        var output = workspace.ResolveForWrite(outputPath);
        var subtitles = Path.ChangeExtension(output, ".ass");

        var request = new AssemblyRequest(
            clips.Zip(durations, (c, d) => new AssemblySegment(c, d)).ToList(), narration, narrationSec,
            _cues.Build(words), size, fps, output, subtitles, music is null ? null : new AssemblyMusic(music, musicVolumeDb, musicDuckDb));
        var fraction = progress is null ? null : new Progress<double>(f => progress.Report(new ProgressNotificationValue { Progress = (float)Math.Round(f * 100, 1), Total = 100 }));
        AssemblyResult result;
        try
        {
            result = await assembler.AssembleAsync(request, fraction, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex) when (music is not null && ex.Message.StartsWith("music track", StringComparison.Ordinal))
        {
            throw new InvalidInputException($"music '{musicPath}' is not audio ffmpeg can read");
        }
        var level = result.Loudness ?? await loudness.MeasureAsync(output, cancellationToken).ConfigureAwait(false);

        return new AssembleToolResult(
            workspace.ToRelative(output), workspace.ToRelative(subtitles), Math.Round(result.Info.DurationSec, 3), result.Info.Width, result.Info.Height,
            result.BurnedCues.Select(c => new ToolCue(c.StartMs, c.EndMs, c.Text, c.Words)).ToList(), level.IntegratedLufs, level.TruePeakDbtp,
            result.Music is not { } mixed ? null : new MusicMixToolResult(musicPath!, mixed.Ducking.DepthDb, mixed.Ducking.LevelDuringSpeechDbfs, mixed.Ducking.LevelInPausesDbfs,
                mixed.Ducking.SpeechSec, mixed.Ducking.PauseSec, Math.Round(mixed.TrackLufs, 2), mixed.BedGainDb, mixed.FadeInSec, mixed.FadeOutSec));
    }

    private async Task<double> DurationAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return (await probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false)).DurationSec;
        }
        catch (InvalidDataException)
        {
            throw new InvalidInputException($"narration '{Path.GetFileName(path)}' is not readable audio");
        }
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
