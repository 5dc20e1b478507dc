using System.Diagnostics;
using System.Text;

namespace AiVideo.Media.Processes;

/// <summary>Runs an external tool (ffmpeg, ffprobe, tesseract…) with arguments as a list, never through a shell.</summary>
public sealed class ProcessRunner
{
    /// <summary>Runs the tool to completion. The process is killed if <paramref name="cancellationToken"/> fires.</summary>
    /// <param name="onStderrLine">Called for each stderr line as it arrives (progress parsing).</param>
    public async Task<ProcessResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        Action<string>? onStderrLine = null,
        Action<string>? onStdoutLine = null,
        string? workingDirectory = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var a in arguments)
        {
            info.ArgumentList.Add(a);
        }

        using var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stdout) stdout.AppendLine(e.Data);
            onStdoutLine?.Invoke(e.Data);
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (stderr) stderr.AppendLine(e.Data);
            onStderrLine?.Invoke(e.Data);
        };

        try
        {
            if (!process.Start())
            {
                throw new MediaToolException(fileName, -1, $"could not start {fileName}");
            }
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new MediaToolException(fileName, -1, $"{fileName} is not installed or not on PATH ({ex.Message})");
        }
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            throw;
        }
        // WaitForExitAsync returns after the redirected streams reach EOF, so the buffers are complete.
        return new ProcessResult(process.ExitCode, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs the tool and throws <see cref="MediaToolException"/> (with the tail of stderr) on a non-zero exit.</summary>
    public async Task<ProcessResult> RunCheckedAsync(
        string fileName,
        IEnumerable<string> arguments,
        CancellationToken cancellationToken,
        Action<string>? onStderrLine = null)
    {
        var result = await RunAsync(fileName, arguments, cancellationToken, onStderrLine).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new MediaToolException(fileName, result.ExitCode, Tail(result.StandardError));
        }
        return result;
    }

    private static string Tail(string text, int lines = 6) =>
        string.Join(" | ", text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).TakeLast(lines));
}

public sealed record ProcessResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>An external media tool failed. The message names the tool and the end of what it printed.</summary>
public sealed class MediaToolException(string tool, int exitCode, string detail)
    : Exception($"{Path.GetFileName(tool)} failed (exit {exitCode}): {detail}")
{
    public string Tool { get; } = tool;
    public int ExitCode { get; } = exitCode;
}
