using AiVideo.Core;
using AiVideo.Host.Mcp;
using Microsoft.Extensions.Logging;

namespace AiVideo.Host.Cli;

/// <summary>Dispatches the command line. Bad input is one line on stderr and exit code 2, never a stack trace.</summary>
public sealed class CliApp(TextWriter stdout, TextWriter stderr, ILoggerFactory loggerFactory)
{
    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            switch (args)
            {
                case [] or ["help" or "--help" or "-h", ..]:
                    await stdout.WriteLineAsync(UsageText.Text).ConfigureAwait(false);
                    return args.Length == 0 ? 2 : 0;
                case ["make", .. var rest]:
                    return await new MakeCommand(stdout, stderr, loggerFactory).RunAsync(MakeOptions.Parse(rest), cancellationToken).ConfigureAwait(false);
                case ["mcp", "config", .. var rest]:
                    var config = Option(rest, "--mcp-config") ?? MakeOptions.DefaultMcpConfig;
                    return await new McpConfigCommand(stdout).RunAsync(config, Option(rest, "--workspace"), Option(rest, "--out") ?? "out").ConfigureAwait(false);
                default:
                    throw new InvalidInputException($"unknown command '{string.Join(' ', args)}' (see 'aivideo help')");
            }
        }
        catch (InvalidInputException ex)
        {
            await stderr.WriteLineAsync($"aivideo: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (ToolCallException ex)
        {
            await stderr.WriteLineAsync($"aivideo: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>The value of <paramref name="name"/>; any option not in <see cref="McpConfigOptions"/> is an error.</summary>
    private static string? Option(IReadOnlyList<string> args, string name)
    {
        string? value = null;
        for (var i = 0; i < args.Count; i++)
        {
            if (!McpConfigOptions.Contains(args[i]))
            {
                throw new InvalidInputException($"unknown option '{args[i]}' for mcp config");
            }
            if (i + 1 >= args.Count)
            {
                throw new InvalidInputException($"{args[i]} needs a value");
            }
            if (args[i] == name) value = args[i + 1];
            i++;
        }
        return value;
    }

    private static readonly string[] McpConfigOptions = ["--mcp-config", "--workspace", "--out"];
}
