using AiVideo.Media.Processes;
using AiVideo.Testing;

namespace AiVideo.McpServers.Render.Tests.Generative;

/// <summary>
/// What the fake APIs serve as a generated video: a 10 s 90x160 clip (as long as the longest clip asked for) made by ffmpeg at test time, with an audio track
/// (generators return native audio, which the source must drop). Shared by the generative test classes.
/// </summary>
public sealed class GeneratedVideoFixture : IAsyncLifetime
{
    private readonly TempDirectory _folder = new("aivideo-generated-video");

    public byte[] Mp4 { get; private set; } = [];

    /// <summary>A tiny reference image (PNG) the fakes receive as base64.</summary>
    public byte[] Png { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var runner = new ProcessRunner();
        var mp4 = _folder.Combine("generated.mp4");
        var png = _folder.Combine("reference.png");
        await Run(runner, ["-f", "lavfi", "-i", "testsrc2=s=90x160:r=12:d=10", "-f", "lavfi", "-i", "sine=f=440:d=10", "-shortest",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", mp4]);
        await Run(runner, ["-f", "lavfi", "-i", "color=c=orange:s=32x32", "-frames:v", "1", png]);
        Mp4 = await File.ReadAllBytesAsync(mp4);
        Png = await File.ReadAllBytesAsync(png);
    }

    private static async Task Run(ProcessRunner runner, IEnumerable<string> arguments)
    {
        var result = await runner.RunAsync("ffmpeg", ["-hide_banner", "-v", "error", "-y", .. arguments], new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
        Assert.True(result.ExitCode == 0, result.StandardError);
    }

    public Task DisposeAsync()
    {
        _folder.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class GenerativeCollection : ICollectionFixture<GeneratedVideoFixture>
{
    public const string Name = "generative sources";
}
