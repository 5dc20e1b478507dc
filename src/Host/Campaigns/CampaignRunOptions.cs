using System.CommandLine;
using AiVideo.Core.CommandLine;
using AiVideo.Host.Cli;
using AiVideo.Host.Runs;

namespace AiVideo.Host.Campaigns;

/// <summary>The arguments of <c>aivideo campaign run PLAN.json [make options]</c>.</summary>
public sealed record CampaignRunOptions(string PlanPath, MakeOptions Make)
{
    /// <summary>The <c>campaign</c> command with its <c>run PLAN.json</c> subcommand (every make option but --channel and --brief).</summary>
    public static Command Command(MakeOptionSet make, Func<CampaignRunOptions, CancellationToken, Task<int>> run)
    {
        var plan = CliOptions.Argument<string>("PLAN.json", "the campaign plan (see README, \"Campaigns\")");
        var runCommand = MakeOptionSet.AddTo(new Command("run", "make every video of a campaign plan in order, past failures; prints a summary table"), make.Shared);
        runCommand.Add(plan);
        runCommand.SetAction((result, ct) => run(new CampaignRunOptions(result.GetValue(plan)!, make.Bind(result, "", "")), ct));
        return new Command("campaign", "campaign plans") { runCommand };
    }
}
