using AiVideo.Core;
using AiVideo.Host.Runs;

namespace AiVideo.Host.Campaigns;

/// <summary>The arguments of <c>aivideo campaign run PLAN.json [make options]</c>.</summary>
public sealed record CampaignRunOptions(string PlanPath, MakeOptions Make)
{
    public static CampaignRunOptions Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal))
        {
            throw new InvalidInputException("campaign run needs a plan file: aivideo campaign run PLAN.json");
        }
        var make = MakeOptions.Parse([.. args.Skip(1), "--channel", "", "--brief", ""]);
        return new CampaignRunOptions(args[0], make);
    }
}
