using AiVideo.Core;
using AiVideo.Host.Campaigns;
using AiVideo.Host.Chat;
using AiVideo.Host.Configuration;
using AiVideo.Host.Memory;
using AiVideo.Host.Mcp;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Runs;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;

namespace AiVideo.Host.Cli;

/// <summary>Dispatches the command line. Bad input is one line on stderr and exit code 2, never a stack trace.</summary>
public sealed class CliApp
{
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;
    private readonly ILoggerFactory _loggerFactory;
    private readonly Func<ModelConnection> _model;
    private readonly TextReader _stdin;
    private readonly InterruptSignal _interrupts;
    private readonly TimeProvider _time;
    private readonly Func<PerformanceMemoryFactory> _memory;

    /// <param name="model">The configured model; resolved only by commands that use one, so a bad model configuration never blocks <c>help</c>.</param>
    public CliApp(TextWriter stdout, TextWriter stderr, ILoggerFactory loggerFactory, Func<ModelConnection>? model = null,
        TextReader? stdin = null, InterruptSignal? interrupts = null, TimeProvider? time = null, Func<PerformanceMemoryFactory>? memory = null)
    {
        _stdout = stdout;
        _stderr = stderr;
        _loggerFactory = loggerFactory;
        _model = model ?? (() => ModelConnection.FromConfiguration(AppConfiguration.Load(), loggerFactory));
        _stdin = stdin ?? TextReader.Null;
        _interrupts = interrupts ?? new InterruptSignal();
        _time = time ?? TimeProvider.System;
        _memory = memory ?? (() => PerformanceMemoryFactory.FromConfiguration(AppConfiguration.Load(), _time));
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            switch (args)
            {
                case [] or ["help" or "--help" or "-h", ..]:
                    await _stdout.WriteLineAsync(UsageText.Text).ConfigureAwait(false);
                    return args.Length == 0 ? 2 : 0;
                case ["make", .. var rest]:
                {
                    var options = MakeOptions.Parse(rest);
                    using var model = _model();
                    return await new MakeCommand(_stdout, _stderr, Maker(model.Client)).RunAsync(options, cancellationToken).ConfigureAwait(false);
                }
                case ["chat", .. var rest]:
                {
                    var options = ChatCommandOptions.Parse(rest);
                    using var model = _model();
                    var command = new ChatCommand(_stdin, _stdout, _stderr, model, Maker(model.Client), _interrupts, _loggerFactory);
                    return await command.RunAsync(options, cancellationToken).ConfigureAwait(false);
                }
                case ["campaign", "run", .. var rest]:
                {
                    var options = CampaignRunOptions.Parse(rest);
                    using var model = _model();
                    return await new CampaignRunCommand(_stdout, _stderr, Maker(model.Client)).RunAsync(options, cancellationToken).ConfigureAwait(false);
                }
                case [("runs" or "dlq" or "resume") and var group, .. var rest]:
                {
                    using var model = _model();
                    return await new RunsCommand(_stdout, _stderr, Maker(model.Client)).RunAsync(group, rest, cancellationToken).ConfigureAwait(false);
                }
                case [("metrics" or "memory") and var group, .. var rest]:
                    return await new MetricsCommand(_stdout, _stderr, _memory(), AppConfiguration.Load, _time).RunAsync(group, rest, cancellationToken).ConfigureAwait(false);
                case ["mcp", "config", .. var rest]:
                    var config = Option(rest, "--mcp-config") ?? MakeOptions.DefaultMcpConfig;
                    return await new McpConfigCommand(_stdout).RunAsync(config, Option(rest, "--workspace"), Option(rest, "--out") ?? "out").ConfigureAwait(false);
                default:
                    throw new InvalidInputException($"unknown command '{string.Join(' ', args)}' (see 'aivideo help')");
            }
        }
        catch (InvalidInputException ex)
        {
            await _stderr.WriteLineAsync($"aivideo: {ex.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (ToolCallException ex)
        {
            await _stderr.WriteLineAsync($"aivideo: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private VideoMaker Maker(IChatClient? client) => new(new PipelineAgentsFactory(client, _time), _loggerFactory, _time, memory: _memory());

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
