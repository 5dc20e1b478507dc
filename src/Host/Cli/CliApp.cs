using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using AiVideo.Core;
using AiVideo.Core.CommandLine;
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
    private readonly Func<MemoryConfiguration> _memory;

    /// <param name="model">The configured model; resolved only by commands that use one, so a bad model configuration never blocks <c>help</c>.</param>
    public CliApp(TextWriter stdout, TextWriter stderr, ILoggerFactory loggerFactory, Func<ModelConnection>? model = null,
        TextReader? stdin = null, InterruptSignal? interrupts = null, TimeProvider? time = null, Func<MemoryConfiguration>? memory = null)
    {
        _stdout = stdout;
        _stderr = stderr;
        _loggerFactory = loggerFactory;
        _model = model ?? (() => ModelConnection.FromConfiguration(AppConfiguration.Load(), loggerFactory));
        _stdin = stdin ?? TextReader.Null;
        _interrupts = interrupts ?? new InterruptSignal();
        _time = time ?? TimeProvider.System;
        _memory = memory ?? (() => MemoryConfiguration.FromConfiguration(AppConfiguration.Load()));
    }

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        try
        {
            switch (args)
            {
                case []:
                    await _stdout.WriteLineAsync(UsageText.Text).ConfigureAwait(false);
                    return 2;
                default:
                    return await InvokeAsync(Commands(), args, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Parses with System.CommandLine; a parse error is one line (exit 2), --help prints that command's help (exit 0).</summary>
    private async Task<int> InvokeAsync(RootCommand root, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var parsed = CliErrors.Parse(root, args);
        if (CliErrors.OneLine(parsed, "aivideo") is { } error) throw new InvalidInputException(error);
        // Exceptions reach RunAsync's one-line handlers; Ctrl+C stays Program's (chat cancels only the current answer,
        // every other command stops through cancellationToken), never System.CommandLine's terminate-after-2-s.
        var invocation = new InvocationConfiguration
        {
            Output = _stdout,
            Error = _stderr,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = null,
        };
        return await parsed.InvokeAsync(invocation, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The command tree: every command, its options and validation, and the action that runs it. The model is resolved
    /// only inside the actions that use one, so a bad model configuration never blocks <c>help</c> or a parse error.
    /// </summary>
    public RootCommand Commands()
    {
        var make = new MakeOptionSet();
        var root = new RootCommand("aivideo — faceless short videos, end to end, offline by default.")
        {
            make.MakeCommand(async (options, ct) =>
            {
                using var model = _model();
                return await new MakeCommand(_stdout, _stderr, Maker(model.Client)).RunAsync(options, ct).ConfigureAwait(false);
            }),
            ChatCommandOptions.Command(make, async (options, ct) =>
            {
                using var model = _model();
                var command = new ChatCommand(_stdin, _stdout, _stderr, model, Maker(model.Client), _interrupts, _loggerFactory);
                return await command.RunAsync(options, ct).ConfigureAwait(false);
            }),
            CampaignRunOptions.Command(make, async (options, ct) =>
            {
                using var model = _model();
                return await new CampaignRunCommand(_stdout, _stderr, Maker(model.Client)).RunAsync(options, ct).ConfigureAwait(false);
            }),
        };
        foreach (var command in RunsCommand.Commands(async run =>
        {
            using var model = _model();
            return await run(new RunsCommand(_stdout, _stderr, Maker(model.Client))).ConfigureAwait(false);
        }))
        {
            root.Add(command);
        }
        foreach (var command in MetricsCommand.Commands(() => new MetricsCommand(_stdout, _stderr, _memory(), AppConfiguration.Load, _time, _loggerFactory))) root.Add(command);
        root.Add(CostsCommand.Command(() => new CostsCommand(_stdout, _time)));
        root.Add(ChannelCommand.Command(() => new ChannelCommand(_stdout, _time)));
        root.Add(McpConfigCommand.Command(_stdout));
        root.Add(CompletionCommand(root));
        root.Add(HelpCommand(root));

        // --help on the root prints the overview (as `aivideo help` does); on a command, that command's generated help.
        var help = root.Options.OfType<HelpOption>().Single();
        help.Action = new OverviewHelpAction((SynchronousCommandLineAction)help.Action!);
        return root;
    }

    private Command CompletionCommand(RootCommand root)
    {
        var shell = CliOptions.Argument<string>("SHELL", "the shell: bash");
        shell.Validators.Add(r =>
        {
            if (r.Tokens is [{ Value: var s }] && s != "bash" && !CliOptions.LooksLikeOption(s)) r.AddError($"completion supports bash, got '{s}'");
        });
        var command = new Command("completion", "print a shell completion script: source <(aivideo completion bash)") { shell };
        command.SetAction(async (_, _) =>
        {
            await _stdout.WriteAsync(BashCompletionScript.Generate(root, "aivideo")).ConfigureAwait(false);
            return 0;
        });
        return command;
    }

    private Command HelpCommand(RootCommand root)
    {
        var path = CliOptions.Argument<string[]>("COMMAND", "a command, e.g. 'runs show'", ArgumentArity.ZeroOrMore);
        var command = new Command("help", "the overview, or a command's help: aivideo help make") { path };
        command.SetAction(async (result, ct) =>
        {
            if (result.GetValue(path) is not { Length: > 0 } words)
            {
                await _stdout.WriteLineAsync(UsageText.Text).ConfigureAwait(false);
                return 0;
            }
            if (CliErrors.Parse(root, words).UnmatchedTokens.Count > 0)
            {
                throw new InvalidInputException($"unknown command '{string.Join(' ', words)}' (see 'aivideo help')");
            }
            return await InvokeAsync(root, [.. words, "--help"], ct).ConfigureAwait(false);
        });
        return command;
    }

    /// <summary>The root's --help: the hand-written overview (<see cref="UsageText"/>); any other command's is generated.</summary>
    private sealed class OverviewHelpAction(SynchronousCommandLineAction generated) : SynchronousCommandLineAction
    {
        public override bool ClearsParseErrors => true;

        public override int Invoke(ParseResult parseResult)
        {
            if (parseResult.CommandResult.Command is not RootCommand) return generated.Invoke(parseResult);
            parseResult.InvocationConfiguration.Output.WriteLine(UsageText.Text);
            return 0;
        }
    }

    private VideoMaker Maker(IChatClient? client) => new(new PipelineAgentsFactory(client, _time), _loggerFactory, _time, memory: _memory());
}
