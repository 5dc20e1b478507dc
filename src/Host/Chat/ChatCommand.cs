using AiVideo.Agents.Campaigns;
using AiVideo.Agents.Orchestration;
using AiVideo.Agents.Roles;
using AiVideo.Agents.Scripts;
using AiVideo.Core;
using AiVideo.Core.Channels;
using AiVideo.Core.Workspace;
using AiVideo.Host.Cli;
using AiVideo.Host.Configuration;
using AiVideo.Host.Mcp;
using AiVideo.Host.Runs;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;

namespace AiVideo.Host.Chat;

/// <summary>
/// <c>aivideo chat</c>: a REPL with the orchestrator agent (streamed answers, visible tool calls, Ctrl+C cancels the
/// current answer) and slash commands that work with or without a model. <c>--message</c> runs one turn and exits:
/// 0 answered, 1 the turn failed, 2 bad input or no model configured.
/// </summary>
public sealed class ChatCommand(TextReader input, TextWriter output, TextWriter error, ModelConnection model, VideoMaker maker,
    InterruptSignal interrupts, ILoggerFactory loggerFactory)
{
    public const string HelpText = """
        Commands:
          /help            this list
          /runs            recent runs (outcome, channel, title, reason)
          /make BRIEF.md   make a video from a brief file for the chat's --channel
          /exit            leave
        Anything else goes to the orchestrator agent (needs a model). Ctrl+C cancels the answer being written.
        """;

    public static string NoModelText => """
        No language model is configured, so chat can only run slash commands. To configure one, set for example
          AIVIDEO__MODEL__PROVIDER=openai AIVIDEO__MODEL__MODEL=gpt-4o-mini AIVIDEO__MODEL__APIKEY=sk-…
        or anthropic / azure-openai / ollama / openai-compatible (see README, "Model providers").
        """;

    public async Task<int> RunAsync(ChatCommandOptions options, CancellationToken cancellationToken)
    {
        var history = new RunHistory(options.Make.OutDirectory);
        var channels = new ChannelDirectory(extraFiles: options.ChannelPath is null ? null : [options.ChannelPath]);
        var progress = new ConsoleRunProgress(output);

        McpToolbox? toolbox = null;
        RoleAgent? agent = null;
        try
        {
            if (!model.IsOffline)
            {
                toolbox = await StartToolsAsync(options, cancellationToken).ConfigureAwait(false);
                agent = await CreateOrchestratorAsync(toolbox, options, channels, history, progress, cancellationToken).ConfigureAwait(false);
            }

            if (options.Message is { } message)
            {
                return await OneShotAsync(message, agent, options, history, progress, cancellationToken).ConfigureAwait(false);
            }

            await output.WriteLineAsync($"AiVideo chat — model: {model.Description}. /help for commands, /exit to leave.").ConfigureAwait(false);
            if (agent is null) await output.WriteLineAsync(NoModelText).ConfigureAwait(false);
            using var idle = interrupts.Subscribe(() => output.WriteLine("\n(no answer is running — type /exit to leave)"));
            while (!cancellationToken.IsCancellationRequested)
            {
                await output.WriteAsync("> ").ConfigureAwait(false);
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                if (line is null) break;
                line = line.Trim();
                if (line.Length == 0) continue;
                if (line is "/exit" or "/quit") break;
                if (line.StartsWith('/'))
                {
                    await SlashAsync(line, options, history, progress, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (agent is null)
                {
                    await output.WriteLineAsync(NoModelText).ConfigureAwait(false);
                    continue;
                }
                await TurnAsync(agent, line, cancellationToken).ConfigureAwait(false);
            }
            return 0;
        }
        finally
        {
            if (toolbox is not null) await toolbox.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async Task<int> OneShotAsync(string message, RoleAgent? agent, ChatCommandOptions options, RunHistory history, Cli.ConsoleRunProgress progress, CancellationToken cancellationToken)
    {
        if (message.StartsWith('/'))
        {
            return await SlashAsync(message.Trim(), options, history, progress, cancellationToken).ConfigureAwait(false) ? 0 : 1;
        }
        if (agent is null)
        {
            await error.WriteLineAsync(NoModelText).ConfigureAwait(false);
            return 2;
        }
        return await TurnAsync(agent, message, cancellationToken).ConfigureAwait(false) ? 0 : 1;
    }

    /// <summary>One streamed answer. Ctrl+C cancels this turn only.</summary>
    private async Task<bool> TurnAsync(RoleAgent agent, string message, CancellationToken cancellationToken)
    {
        using var turn = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var _ = interrupts.Subscribe(turn.Cancel);
        try
        {
            AgentTurn? completed = null;
            await foreach (var update in agent.InvokeStreamingAsync(message, cancellationToken: turn.Token).ConfigureAwait(false))
            {
                if (update.TextDelta is { } delta) await output.WriteAsync(delta).ConfigureAwait(false);
                completed ??= update.Completed;
            }
            await output.WriteLineAsync().ConfigureAwait(false);
            if (completed is { ToolRoundCapReached: true })
            {
                await output.WriteLineAsync($"(stopped calling tools after {agent.Definition.MaxToolRounds} rounds)").ConfigureAwait(false);
            }
            return true;
        }
        catch (OperationCanceledException) when (turn.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            await output.WriteLineAsync("\n(cancelled)").ConfigureAwait(false);
            return false;
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            await error.WriteLineAsync($"aivideo: the answer failed: {ex.Message}").ConfigureAwait(false);
            return false;
        }
    }

    /// <summary>Runs a slash command; false when it failed.</summary>
    private async Task<bool> SlashAsync(string line, ChatCommandOptions options, RunHistory history, Cli.ConsoleRunProgress progress, CancellationToken cancellationToken)
    {
        var (command, argument) = line.IndexOf(' ') is var space and > 0 ? (line[..space], line[(space + 1)..].Trim()) : (line, "");
        try
        {
            switch (command)
            {
                case "/help":
                    await output.WriteLineAsync(HelpText).ConfigureAwait(false);
                    return true;
                case "/runs":
                    var runs = history.List(10);
                    if (runs.Count == 0) await output.WriteLineAsync($"no runs under {Path.GetFullPath(options.Make.OutDirectory)}").ConfigureAwait(false);
                    foreach (var r in runs)
                    {
                        await output.WriteLineAsync($"{r.RunId}  {r.Outcome,-13} {r.Channel,-16} {r.Title}{(r.Reason is null ? "" : "  — " + r.Reason)}").ConfigureAwait(false);
                    }
                    return true;
                case "/make":
                    if (argument.Length == 0) throw new InvalidInputException("/make needs a brief file, e.g. /make samples/briefs/moon-drift.md");
                    if (options.ChannelPath is null) throw new InvalidInputException("/make needs a channel: start chat with --channel FILE");
                    var channel = new ChannelProfileLoader().Load(options.ChannelPath);
                    var brief = new BriefParser().Load(argument);
                    var made = await maker.MakeAsync(channel, brief, options.Make, progress, cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(made.Summary).ConfigureAwait(false);
                    return made.Published;
                default:
                    throw new InvalidInputException($"unknown command '{command}' (try /help)");
            }
        }
        catch (InvalidInputException ex)
        {
            await error.WriteLineAsync($"aivideo: {ex.Message}").ConfigureAwait(false);
            return false;
        }
    }

    private async Task<McpToolbox> StartToolsAsync(ChatCommandOptions options, CancellationToken cancellationToken)
    {
        var workspace = Path.GetFullPath(options.Make.Workspace
            ?? Environment.GetEnvironmentVariable(ArtifactWorkspace.EnvironmentVariable)
            ?? ArtifactWorkspace.DefaultRelativeRoot);
        return await McpToolbox.StartAsync(new McpServerCatalog(options.Make.McpConfigPath), new Dictionary<string, string>
        {
            [ArtifactWorkspace.EnvironmentVariable] = workspace,
            ["AIVIDEO_OUT"] = Path.GetFullPath(options.Make.OutDirectory),
        }, loggerFactory, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RoleAgent> CreateOrchestratorAsync(McpToolbox toolbox, ChatCommandOptions options, ChannelDirectory channels, RunHistory history,
        Cli.ConsoleRunProgress progress, CancellationToken cancellationToken)
    {
        var kernel = new Kernel();
        var host = new HostFunctions(maker, options.Make, channels, history, new CampaignPlanStore(),
            Path.Combine(Path.GetFullPath(options.Make.OutDirectory), "campaigns"), progress);
        kernel.Plugins.AddFromObject(host, "host");
        foreach (var server in AgentToolScopes.Servers(OrchestratorAgent.AgentName))
        {
            var tools = await toolbox.ListToolsAsync(server, t => AgentToolScopes.Allows(OrchestratorAgent.AgentName, server, t), cancellationToken).ConfigureAwait(false);
#pragma warning disable SKEXP0001 // AIFunction → KernelFunction is the documented bridge for MCP tools.
            kernel.Plugins.AddFromFunctions(server, tools.Select(t => t.AsKernelFunction()));
#pragma warning restore SKEXP0001
        }
        return new RoleAgent(OrchestratorAgent.Definition, model.Client!, kernel, new ConsoleToolCallPrinter(output));
    }
}
