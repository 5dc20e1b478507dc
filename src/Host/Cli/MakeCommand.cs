using System.Security.Cryptography;
using AiVideo.Agents.Scripts;
using AiVideo.Core.Channels;
using AiVideo.Core.Workspace;
using AiVideo.Host.Mcp;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Reports;
using Microsoft.Extensions.Logging;

namespace AiVideo.Host.Cli;

/// <summary>
/// <c>aivideo make</c>: brief + channel → published short (or an explained dead letter). Starts the MCP servers
/// from mcp.json, runs the workflow, writes &lt;out&gt;/&lt;runId&gt;/report.json and final.mp4.
/// Exit code 0 published, 1 dead-lettered, 2 bad input.
/// </summary>
public sealed class MakeCommand(TextWriter stdout, TextWriter stderr, ILoggerFactory loggerFactory)
{
    public async Task<int> RunAsync(MakeOptions options, CancellationToken cancellationToken)
    {
        var channel = new ChannelProfileLoader().Load(options.ChannelPath);
        var brief = new BriefParser().Load(options.BriefPath);
        var catalog = new McpServerCatalog(options.McpConfigPath);
        var outDir = Path.GetFullPath(options.OutDirectory);
        var workspaceRoot = Path.GetFullPath(options.Workspace
            ?? Environment.GetEnvironmentVariable(ArtifactWorkspace.EnvironmentVariable)
            ?? ArtifactWorkspace.DefaultRelativeRoot);
        var workspace = new ArtifactWorkspace(workspaceRoot);

        var startedAt = DateTimeOffset.UtcNow;
        var run = new RunContext(NewRunId(startedAt), channel, brief, options.Size, options.Fps, options.RenderConcurrency);
        IRunProgress progress = options.Quiet ? new SilentRunProgress() : new ConsoleRunProgress(stderr);
        var journal = new RunJournal(progress);
        progress.Info($"run {run.RunId}: '{brief.Title}' for {channel.Name} at {options.Size}, {options.Fps} fps");

        RunOutcome outcome;
        try
        {
            progress.Info("starting MCP servers (render, voice, publish)");
            await using var toolbox = await McpToolbox.StartAsync(catalog, new Dictionary<string, string>
            {
                [ArtifactWorkspace.EnvironmentVariable] = workspace.Root,
                ["AIVIDEO_OUT"] = outDir,
            }, loggerFactory, cancellationToken).ConfigureAwait(false);
            var pipeline = new PipelineWorkflow(new DeterministicScriptWriter(), new McpMediaTools(toolbox), workspace);
            outcome = await pipeline.RunAsync(run, journal, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            outcome = RunOutcome.DeadLettered("cancelled", "cancelled by the operator");
        }
        catch (ToolCallException ex)
        {
            // The servers could not be started or talked to at all: still a run that ends with a report.
            outcome = RunOutcome.DeadLettered("start", ex.Message);
        }

        var runOut = Path.Combine(outDir, run.RunId);
        Directory.CreateDirectory(runOut);
        string? finalVideo = null;
        if (outcome is { Published: true, Video: not null })
        {
            finalVideo = Path.Combine(runOut, "final.mp4");
            File.Copy(workspace.ResolveExistingFile(outcome.Video.VideoPath), finalVideo, overwrite: true);
        }
        var writer = new RunReportWriter();
        var report = writer.Build(run, journal, outcome, Path.Combine(workspace.Root, run.RunDirectory), finalVideo, startedAt);
        var reportPath = Path.Combine(runOut, "report.json");
        await writer.WriteAsync(report, reportPath, CancellationToken.None).ConfigureAwait(false);

        if (options.Json)
        {
            await stdout.WriteLineAsync(RunReportWriter.Serialize(report)).ConfigureAwait(false);
        }
        await stderr.WriteLineAsync(outcome.Published
            ? $"published: {finalVideo} ({report.DurationSec:0.0} s, {report.Width}x{report.Height}); report: {reportPath}"
            : $"dead-lettered at {outcome.FailedStep}: {outcome.Reason}; report: {reportPath}").ConfigureAwait(false);
        return outcome.Published ? 0 : 1;
    }

    private static string NewRunId(DateTimeOffset at) =>
        $"{at:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
}
