using System.Diagnostics;

namespace AiVideo.Bench.Common;

/// <summary>What a finished process printed.</summary>
public sealed record ProcessOutput(int ExitCode, string Stdout, string Stderr);

/// <summary>
/// The benchmarks' own process runner (ffprobe, ffmpeg): the checker must not judge media with the product's Media code.
/// Every call has a deadline; a process that outlives it is killed (with its children).
/// </summary>
public static class BenchProcess
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);

    public static async Task<ProcessOutput> RunAsync(string fileName, IReadOnlyList<string> args, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            return new ProcessOutput(process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            if (cancellationToken.IsCancellationRequested) throw;
            throw new TimeoutException($"{fileName} did not finish within {(timeout ?? DefaultTimeout).TotalSeconds:0} s");
        }
    }

    /// <summary>Raw stdout bytes (frames as rawvideo).</summary>
    public static async Task<byte[]> RunBytesAsync(string fileName, IReadOnlyList<string> args, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout ?? DefaultTimeout);
        using var buffer = new MemoryStream();
        var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
        try
        {
            await process.StandardOutput.BaseStream.CopyToAsync(buffer, deadline.Token).ConfigureAwait(false);
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            var errors = await stderr.ConfigureAwait(false);
            if (process.ExitCode != 0) throw new InvalidDataException($"{fileName} exited {process.ExitCode}: {errors.Trim()}");
            return buffer.ToArray();
        }
        catch (OperationCanceledException)
        {
            try { process.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            if (cancellationToken.IsCancellationRequested) throw;
            throw new TimeoutException($"{fileName} did not finish within {(timeout ?? DefaultTimeout).TotalSeconds:0} s");
        }
    }
}
