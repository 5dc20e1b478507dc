using AiVideo.Media.Processes;

namespace AiVideo.McpServers.Publish.Tests;

internal static class TestVideo
{
    /// <summary>A real 1 s 160x284 H.264 file made with ffmpeg.</summary>
    public static async Task<string> MakeAsync(string path, string color = "navy")
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        await new ProcessRunner().RunCheckedAsync("ffmpeg",
            ["-v", "error", "-y", "-f", "lavfi", "-i", $"color=c={color}:s=160x284:d=1:r=10", "-c:v", "libx264", "-pix_fmt", "yuv420p", path],
            CancellationToken.None);
        return path;
    }
}
