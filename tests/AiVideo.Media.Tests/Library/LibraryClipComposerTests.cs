using System.Globalization;
using System.Security.Cryptography;
using AiVideo.Core.Domain;
using AiVideo.Media.Library;
using AiVideo.Media.Processes;
using AiVideo.Testing;

namespace AiVideo.Media.Tests.Library;

public sealed class LibraryClipComposerTests(TestLibraryFixture library) : IClassFixture<TestLibraryFixture>, IAsyncLifetime
{
    private static readonly VideoSize Size = new(144, 256);
    private readonly TempDirectory _dir = new("aivideo-library-compose");
    private readonly ProcessRunner _runner = new();
    private string _library = "";

    public async Task InitializeAsync() => _library = await library.FolderAsync();

    public Task DisposeAsync()
    {
        _dir.Dispose();
        return Task.CompletedTask;
    }

    private Task<double> ComposeAsync(IReadOnlyList<VisualPart> parts, double seconds, string output) =>
        new LibraryClipComposer(_runner).ComposeAsync(_library, parts, Size, 12, seconds, _dir.Combine(output), null, CancellationToken.None);

    /// <summary>Width, height and the md5 of every decoded frame (our own ffprobe/ffmpeg calls, not the composer's).</summary>
    private async Task<(int Width, int Height, IReadOnlyList<string> Frames)> InspectAsync(string file)
    {
        var probe = await _runner.RunCheckedAsync("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,height", "-of", "csv=p=0", _dir.Combine(file)], CancellationToken.None);
        var size = probe.StandardOutput.Trim().Split(',').Select(v => int.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        var md5 = await _runner.RunCheckedAsync("ffmpeg", ["-v", "error", "-i", _dir.Combine(file), "-f", "framemd5", "-"], CancellationToken.None);
        var frames = md5.StandardOutput.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(',')[^1].Trim()).ToList();
        return (size[0], size[1], frames);
    }

    [Fact]
    public async Task Compose_Still_SlowPanZoomAtTheRequestedSizeAndLength()
    {
        var duration = await ComposeAsync([new VisualPart(TestLibrary.Earth, 0.6, 0, 2.5, 1, Still: true)], 2.5, "still.mp4");

        var (width, height, frames) = await InspectAsync("still.mp4");
        Assert.Equal((144, 256, 30), (width, height, frames.Count));
        Assert.Equal(2.5, duration);
        Assert.NotEqual(frames[0], frames[^1]); // it moves
        Assert.True(frames.Distinct().Count() > 10, "the zoom should change most frames");
    }

    [Fact]
    public async Task Compose_ShortClipJoinedWithALandscapeClip_CroppedToPortrait_ExactLength_Deterministic()
    {
        VisualPart[] parts = [new(TestLibrary.Moon, 0.7, 0, 2), new(TestLibrary.Rocket, 0.5, 0, 1)];

        await ComposeAsync(parts, 3, "joined-1.mp4");
        await ComposeAsync(parts, 3, "joined-2.mp4");

        var (width, height, frames) = await InspectAsync("joined-1.mp4");
        Assert.Equal((144, 256, 36), (width, height, frames.Count));
        Assert.Equal(SHA256.HashData(File.ReadAllBytes(_dir.Combine("joined-1.mp4"))), SHA256.HashData(File.ReadAllBytes(_dir.Combine("joined-2.mp4"))));
    }

    [Fact]
    public async Task Compose_SlowedClip_FillsItsBeatWithoutRepeatingTheLastFrame()
    {
        // The 1 s rocket clip at 0.8× covers 1.25 s: 15 frames at 12 fps, played slower, not frozen at the end.
        await ComposeAsync([new VisualPart(TestLibrary.Rocket, 0.5, 0, 1.25, 0.8)], 1.25, "slowed.mp4");

        var (_, _, frames) = await InspectAsync("slowed.mp4");
        Assert.Equal(15, frames.Count);
        Assert.True(frames.TakeLast(4).Distinct().Count() >= 2, "the end must still move");
    }
}
