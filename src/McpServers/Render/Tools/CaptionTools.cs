using System.ComponentModel;
using AiVideo.Contracts;
using AiVideo.Core;
using AiVideo.Core.Workspace;
using AiVideo.Media.Ocr;
using AiVideo.Media.Probing;
using ModelContextProtocol.Server;

namespace AiVideo.McpServers.Render.Tools;

/// <summary>Reads burned captions back from a video (tesseract), so a QA step can check what viewers will actually see.</summary>
[McpServerToolType]
public sealed class CaptionTools(ArtifactWorkspace workspace, CaptionOcr ocr, MediaProbe probe)
{
    [McpServerTool(Name = "read_captions", UseStructuredContent = true, ReadOnly = true, Idempotent = true)]
    [Description("OCR of the burned-in captions at given moments (e.g. each cue's midpoint): one frame each, caption band only. Videos under 480 px high are reported unreadable.")]
    public async Task<ReadCaptionsToolResult> ReadCaptionsAsync(
        [Description("Workspace-relative path of the video.")] string videoPath,
        [Description("Moments to read, in milliseconds from the start (1..400).")] int[] atMs,
        CancellationToken cancellationToken)
    {
        var full = workspace.ResolveExistingFile(videoPath);
        if (atMs is null || atMs.Length is 0 or > 400) throw new InvalidInputException($"atMs needs 1..400 moments, got {atMs?.Length ?? 0}");
        var info = await probe.ProbeAsync(full, cancellationToken).ConfigureAwait(false);
        if (atMs.Any(t => t < 0 || t > info.DurationSec * 1000)) throw new InvalidInputException($"every moment must lie within the video (0..{info.DurationSec * 1000:0} ms)");
        if (info.Height < CaptionOcr.MinReadableHeight) return new ReadCaptionsToolResult(false, [], "tesseract");
        var scratch = Path.Combine(Path.GetTempPath(), $"aivideo-ocr-{Guid.NewGuid():N}");
        try
        {
            var texts = await ocr.ReadAsync(full, atMs.Select(t => t / 1000.0).ToList(), info.FrameRate > 0 ? info.FrameRate : 30, scratch, cancellationToken).ConfigureAwait(false);
            return new ReadCaptionsToolResult(true, texts, "tesseract");
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }
}
