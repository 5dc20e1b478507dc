using System.Text.Json;
using AiVideo.Agents.Scripts;
using AiVideo.Core.Json;
using AiVideo.Core.Channels;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Reports;
using AiVideo.Host.Runs;

namespace AiVideo.Host.Cli;

/// <summary>
/// <c>aivideo make</c>: brief + channel → published short (or an explained dead letter); with <c>--dry-run</c>, the
/// plan and its estimated cost only. Exit code 0 published (or planned), 1 dead-lettered, 3 partially published, 2 bad input.
/// </summary>
public sealed class MakeCommand(TextWriter stdout, TextWriter stderr, VideoMaker maker)
{
    public async Task<int> RunAsync(MakeOptions options, CancellationToken cancellationToken)
    {
        var channel = new ChannelProfileLoader().Load(options.ChannelPath);
        var brief = new BriefParser().Load(options.BriefPath);
        IRunProgress progress = options.Quiet ? new SilentRunProgress() : new ConsoleRunProgress(stderr);
        if (options.DryRun)
        {
            var plan = await maker.PlanAsync(channel, brief, options, progress, cancellationToken).ConfigureAwait(false);
            await (options.Json ? stdout.WriteLineAsync(JsonSerializer.Serialize(plan, AiVideoJson.Options)) : DryRunText.WriteAsync(plan, stdout)).ConfigureAwait(false);
            return 0;
        }
        var made = await maker.MakeAsync(channel, brief, options, progress, cancellationToken).ConfigureAwait(false);
        if (options.Json)
        {
            await stdout.WriteLineAsync(RunReportWriter.Serialize(made.Report)).ConfigureAwait(false);
        }
        await stderr.WriteLineAsync(made.Summary).ConfigureAwait(false);
        return made.ExitCode;
    }
}
