using System.Diagnostics;
using AiVideo.Testing;

namespace AiVideo.McpServers.Render.Tests;

/// <summary>Settings checked at start: several wrong ones at once are one line each on stderr, not a stack trace.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public async Task TwoWrongSettingsOfDifferentParts_OneLineEach_ExitCode1_NoStackTrace()
    {
        using var workspace = new TempDirectory("aivideo-render-startup");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "aivideo-mcp-render.dll") },
            WorkingDirectory = workspace.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["AIVIDEO_WORKSPACE"] = workspace.Path;
        start.Environment["AIVIDEO_RENDER_LIBRARY_MIN_SCORE"] = "lots";
        start.Environment["AIVIDEO__DRIFT__EMBEDDING__PROVIDER"] = "telepathy";
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await process.WaitForExitAsync(timeout.Token);

        var lines = (await stderr).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(1, process.ExitCode);
        Assert.Contains(lines, l => l.StartsWith("aivideo-mcp-render:", StringComparison.Ordinal) && l.Contains("AIVIDEO_RENDER_LIBRARY_MIN_SCORE", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("aivideo-mcp-render:", StringComparison.Ordinal) && l.Contains("telepathy", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(lines, l => l.StartsWith("at ", StringComparison.Ordinal) || l.Contains("Unhandled exception", StringComparison.Ordinal));
    }
}
