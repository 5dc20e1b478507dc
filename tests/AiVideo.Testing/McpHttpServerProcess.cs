using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace AiVideo.Testing;

/// <summary>
/// Starts one of the AiVideo MCP servers as a child process over Streamable HTTP (<c>--http</c>) on an ephemeral
/// loopback port, exactly as a user would, and waits for its "listening on …/mcp" line. AIVIDEO_MCP_* variables of
/// the test process are not passed on, so only the given arguments and environment configure the server.
/// </summary>
public sealed partial class McpHttpServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log;

    private McpHttpServerProcess(Process process, StringBuilder log, Uri endpoint)
    {
        _process = process;
        _log = log;
        Endpoint = endpoint;
    }

    /// <summary>The MCP endpoint, e.g. http://127.0.0.1:41234/mcp.</summary>
    public Uri Endpoint { get; }

    public int Port => Endpoint.Port;

    /// <summary>What the server wrote to stderr and stdout so far (for assertion messages).</summary>
    public string Log
    {
        get { lock (_log) { return _log.ToString(); } }
    }

    public static async Task<McpHttpServerProcess> StartAsync(
        string serverAssemblyName,
        string workspace,
        IEnumerable<string>? arguments = null,
        IReadOnlyDictionary<string, string?>? environment = null,
        CancellationToken cancellationToken = default)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, serverAssemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"server assembly {dll} not found; reference the server project from the test project");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workspace,
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])[dll, "--http", "--urls", "http://127.0.0.1:0", .. arguments ?? []])
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var inherited in start.Environment.Keys.Where(k => k.StartsWith("AIVIDEO_MCP_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(inherited);
        }
        start.Environment["AIVIDEO_WORKSPACE"] = workspace;
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        var log = new StringBuilder();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        void Append(string? line)
        {
            if (line is null)
            {
                return;
            }
            lock (log) { log.AppendLine(line); }
            if (ListeningLine().Match(line) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups["endpoint"].Value));
            }
        }
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"{serverAssemblyName} exited before listening"));
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();

        try
        {
            var endpoint = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60), cancellationToken).ConfigureAwait(false);
            return new McpHttpServerProcess(process, log, endpoint);
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or OperationCanceledException)
        {
            Stop(process);
            string output;
            lock (log) { output = log.ToString(); }
            throw new InvalidOperationException($"{serverAssemblyName} did not start listening: {ex.Message}\n{output}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Stop(_process);
        await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token).ConfigureAwait(false);
        _process.Dispose();
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    [GeneratedRegex(@"listening on (?<endpoint>https?://\S+/mcp)$")]
    private static partial Regex ListeningLine();
}
