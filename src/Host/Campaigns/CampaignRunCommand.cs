using AiVideo.Agents.Campaigns;
using AiVideo.Core;
using AiVideo.Host.Cli;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Runs;

namespace AiVideo.Host.Campaigns;

/// <summary>
/// <c>aivideo campaign run PLAN.json</c>: makes each planned video in order, continues past failures, and prints a
/// summary table. Exit 0 when every video published, 1 when any was dead-lettered, 2 for a bad plan.
/// </summary>
public sealed class CampaignRunCommand(TextWriter stdout, TextWriter stderr, VideoMaker maker)
{
    public async Task<int> RunAsync(CampaignRunOptions options, CancellationToken cancellationToken)
    {
        var plan = new CampaignPlanStore().Load(options.PlanPath);
        var planDir = Path.GetDirectoryName(Path.GetFullPath(options.PlanPath))!;
        var channelFile = File.Exists(Path.Combine(planDir, plan.Channel)) ? Path.Combine(planDir, plan.Channel) : null;
        var channels = new ChannelDirectory(extraFiles: channelFile is null ? null : [channelFile]);
        var channel = channelFile is not null
            ? new Core.Channels.ChannelProfileLoader().Load(channelFile)
            : channels.Resolve(plan.Channel).Channel;

        IRunProgress progress = options.Make.Quiet ? new SilentRunProgress() : new ConsoleRunProgress(stderr);
        var rows = new List<(int N, DateOnly Date, string Title, string Outcome, string Detail)>();
        for (var i = 0; i < plan.Videos.Count; i++)
        {
            var video = plan.Videos[i];
            await stderr.WriteLineAsync($"campaign '{plan.Name}': video {i + 1}/{plan.Videos.Count} ({video.Date:yyyy-MM-dd}) '{video.Brief.Title}'").ConfigureAwait(false);
            if (cancellationToken.IsCancellationRequested)
            {
                rows.Add((i + 1, video.Date, video.Brief.Title, "skipped", "cancelled by the operator"));
                continue;
            }
            try
            {
                var made = await maker.MakeAsync(channel, video.Brief.ToBrief(), options.Make, progress, cancellationToken).ConfigureAwait(false);
                rows.Add((i + 1, video.Date, video.Brief.Title, made.Report.Outcome,
                    made.Published ? made.FinalVideo ?? "" : $"{made.Report.FailedStep}: {made.Report.Reason}"));
            }
            catch (InvalidInputException ex)
            {
                rows.Add((i + 1, video.Date, video.Brief.Title, "invalid", ex.Message));
            }
        }

        await stdout.WriteLineAsync($"campaign '{plan.Name}' for {channel.Name}: {rows.Count(r => r.Outcome == Reports.RunOutcomeNames.Published)} of {rows.Count} published").ConfigureAwait(false);
        await stdout.WriteLineAsync($"{"#",-3} {"date",-10} {"outcome",-13} {"title",-40} detail").ConfigureAwait(false);
        foreach (var r in rows)
        {
            var title = r.Title.Length <= 40 ? r.Title : r.Title[..39] + "…";
            await stdout.WriteLineAsync($"{r.N,-3} {r.Date:yyyy-MM-dd} {r.Outcome,-13} {title,-40} {r.Detail}").ConfigureAwait(false);
        }
        return rows.All(r => r.Outcome == Reports.RunOutcomeNames.Published) ? 0 : 1;
    }
}
