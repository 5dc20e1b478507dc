using System.Text.Json;
using AiVideo.Core.Json;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Reports;

/// <summary>Builds report.json from a run's journal and outcome and writes it atomically.</summary>
public sealed class RunReportWriter
{
    public RunReport Build(RunContext run, RunJournal journal, RunOutcome outcome, string workspaceRunDir, string? finalVideo, DateTimeOffset startedAt) => new()
    {
        RunId = run.RunId,
        Outcome = outcome.Kind,
        FailedStep = outcome.FailedStep,
        Reason = outcome.Reason,
        Channel = run.Channel.Id,
        Title = run.Brief.Title,
        Script = journal.Script,
        ScriptWriter = journal.ScriptWriter,
        Video = finalVideo,
        DurationSec = outcome.Video?.Info.DurationSec,
        Width = outcome.Video?.Info.Width,
        Height = outcome.Video?.Info.Height,
        Music = outcome.Video?.Music,
        Workspace = workspaceRunDir,
        StartedAt = startedAt,
        FinishedAt = DateTimeOffset.UtcNow,
        Steps = journal.Steps.Select(s => new StepReport(s.Name, s.Attempts, s.ElapsedMs)).ToList(),
        Gates = journal.Gates,
        Agents = journal.Decisions,
        Memory = run.Memory.Videos,
        HookStyles = run.Memory.HookStyles,
        Publish = journal.Receipts.Select(r => new PublishReport(r.Platform, r.IdempotencyKey, r.Location, r.ExternalId, r.Status, r.Duplicate)).ToList(),
        Live = outcome.Live.Select(r => new LivePost(r.Platform, r.IdempotencyKey, r.ExternalId, r.Location, r.Status)).ToList(),
        Missing = outcome.Missing.Select(m => new MissingPlatform(m.Platform, m.Reason)).ToList(),
        Shots = outcome.Shots.Select(s => ShotReport.From(s, journal.Script)).ToList(),
    };

    public async Task WriteAsync(RunReport report, string path, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        await File.WriteAllTextAsync(temp, Serialize(report), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    public static string Serialize(RunReport report) => JsonSerializer.Serialize(report, AiVideoJson.Options);
}
