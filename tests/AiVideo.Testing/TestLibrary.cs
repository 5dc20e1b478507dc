using System.Diagnostics;

namespace AiVideo.Testing;

/// <summary>
/// A tiny library of clips and stills generated with ffmpeg (lavfi sources, nothing downloaded) for library-source tests:
/// <c>moon/moon-surface-craters.mp4</c> (2 s portrait), <c>earth-tides-ocean.png</c> (portrait still),
/// <c>rocket-launch.mp4</c> (1 s landscape, sidecar "Saturn V liftoff fire smoke") and <c>volcano-lava.mp4</c>
/// (1 s, tags.json: eruption magma).
/// </summary>
public static class TestLibrary
{
    public const string Moon = "moon/moon-surface-craters.mp4";
    public const string Earth = "earth-tides-ocean.png";
    public const string Rocket = "rocket-launch.mp4";
    public const string Volcano = "volcano-lava.mp4";

    public static async Task<string> CreateAsync(string folder)
    {
        Directory.CreateDirectory(Path.Combine(folder, "moon"));
        await Task.WhenAll(
            ClipAsync(Path.Combine(folder, Moon), "testsrc2=size=144x256:rate=12", 2),
            StillAsync(Path.Combine(folder, Earth), "gradients=size=144x256:seed=3"),
            ClipAsync(Path.Combine(folder, Rocket), "testsrc=size=256x144:rate=12", 1),
            ClipAsync(Path.Combine(folder, Volcano), "smptebars=size=144x256:rate=12", 1));
        await File.WriteAllTextAsync(Path.Combine(folder, "rocket-launch.txt"), "Saturn V liftoff fire smoke");
        await File.WriteAllTextAsync(Path.Combine(folder, "tags.json"), """{ "volcano-lava.mp4": ["eruption", "magma"] }""");
        return folder;
    }

    public static Task ClipAsync(string path, string source, double seconds) =>
        FfmpegAsync("-f", "lavfi", "-i", source, "-t", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-an", path);

    public static Task StillAsync(string path, string source) => FfmpegAsync("-f", "lavfi", "-i", source, "-frames:v", "1", path);

    private static async Task FfmpegAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in new[] { "-hide_banner", "-nostdin", "-v", "error", "-y" }.Concat(arguments)) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed: {await stderr}");
    }
}

/// <summary>One generated <see cref="TestLibrary"/> shared by a test class; <see cref="CopyTo"/> gives a test its own copy to change.</summary>
public sealed class TestLibraryFixture : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-test-library");
    private readonly Lazy<Task<string>> _folder;

    public TestLibraryFixture() => _folder = new(() => TestLibrary.CreateAsync(_dir.Combine("lib")));

    public Task<string> FolderAsync() => _folder.Value;

    /// <summary>A copy of the library under <paramref name="target"/>.</summary>
    public async Task<string> CopyTo(string target)
    {
        var source = await FolderAsync();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }
        return target;
    }

    public void Dispose() => _dir.Dispose();
}
