using System.Security.Cryptography;
using AiVideo.Agents.Scripts;
using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Host.Mcp;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Reports;
using Microsoft.Extensions.Logging;

namespace AiVideo.Host.Runs;

/// <summary>
/// Makes one video: starts the MCP servers from mcp.json, runs the workflow with the configured agents, and writes
/// &lt;out&gt;/&lt;runId&gt;/report.json (+ final.mp4 when published). Used by <c>make</c>, <c>campaign run</c> and chat.
/// A run always ends with a report: published, or dead-lettered with the step and reason.
/// </summary>
public sealed class VideoMaker(PipelineAgentsFactory agents, ILoggerFactory loggerFactory, TimeProvider time)
{
    public async Task<MadeVideo> MakeAsync(ChannelProfile channel, Brief brief, MakeOptions options, IRunProgress progress, CancellationToken cancellationToken)
    {
        var catalog = new McpServerCatalog(options.McpConfigPath);
        var outDir = Path.GetFullPath(options.OutDirectory);
        var workspaceRoot = Path.GetFullPath(options.Workspace
            ?? Environment.GetEnvironmentVariable(ArtifactWorkspace.EnvironmentVariable)
            ?? ArtifactWorkspace.DefaultRelativeRoot);
        var workspace = new ArtifactWorkspace(workspaceRoot);
        var trendNotes = options.TrendsPath is null ? null : await ReadTrendsAsync(options.TrendsPath, cancellationToken).ConfigureAwait(false);

        var startedAt = time.GetUtcNow();
        var run = new RunContext(NewRunId(startedAt), channel, brief, options.Size, options.Fps, options.RenderConcurrency) { TrendNotes = trendNotes };
        var journal = new RunJournal(progress);
        var pipelineAgents = agents.Create(journal);
        progress.Info($"run {run.RunId}: '{brief.Title}' for {channel.Name} at {options.Size}, {options.Fps} fps; script by the {pipelineAgents.Writer.Name} writer");

        RunOutcome outcome;
        try
        {
            progress.Info("starting MCP servers (render, voice, publish)");
            await using var toolbox = await McpToolbox.StartAsync(catalog, new Dictionary<string, string>
            {
                [ArtifactWorkspace.EnvironmentVariable] = workspace.Root,
                ["AIVIDEO_OUT"] = outDir,
            }, loggerFactory, cancellationToken).ConfigureAwait(false);
            var pipeline = new PipelineWorkflow(pipelineAgents, new McpMediaTools(toolbox), workspace);
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
        return new MadeVideo(report, reportPath, finalVideo);
    }

    private static async Task<string> ReadTrendsAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path)) throw new Core.InvalidInputException($"trend notes file '{path}' does not exist");
        var text = await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        return text.Length <= 20_000 ? text : throw new Core.InvalidInputException($"trend notes file '{path}' is over 20000 characters");
    }

    private static string NewRunId(DateTimeOffset at) =>
        $"{at:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}";
}

/// <summary>The result of one make: its report, where the report is, and the final video when published.</summary>
public sealed record MadeVideo(RunReport Report, string ReportPath, string? FinalVideo)
{
    public bool Published => Report.Outcome == RunOutcomeNames.Published;

    public string Summary => Published
        ? $"published: {FinalVideo} ({Report.DurationSec:0.0} s, {Report.Width}x{Report.Height}); report: {ReportPath}"
        : $"dead-lettered at {Report.FailedStep}: {Report.Reason}; report: {ReportPath}";
}
