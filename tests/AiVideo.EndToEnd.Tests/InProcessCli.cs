using AiVideo.Host.Cli;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.EndToEnd.Tests;

/// <summary>The aivideo CLI run in the test process (its MCP servers are real child processes), with stdout and stderr captured.</summary>
internal static class InProcessCli
{
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new CliApp(stdout, stderr, NullLoggerFactory.Instance).RunAsync(args, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
