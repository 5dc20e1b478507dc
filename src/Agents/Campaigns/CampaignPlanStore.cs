using System.Text.Json;
using System.Text.RegularExpressions;
using AiVideo.Core;
using AiVideo.Core.Json;

namespace AiVideo.Agents.Campaigns;

/// <summary>Loads, validates and saves campaign plans. A bad plan is one <see cref="InvalidInputException"/> naming the problem.</summary>
public sealed partial class CampaignPlanStore
{
    public const int MaxVideos = 60;

    public CampaignPlan Load(string path)
    {
        if (!File.Exists(path)) throw new InvalidInputException($"campaign plan '{path}' does not exist");
        return Parse(File.ReadAllText(path), path);
    }

    public CampaignPlan Parse(string json, string source = "plan")
    {
        CampaignPlan? plan;
        try
        {
            plan = JsonSerializer.Deserialize<CampaignPlan>(json, AiVideoJson.Options);
        }
        catch (JsonException ex)
        {
            throw new InvalidInputException($"campaign plan {source} is not valid: {ex.Message.Split('\n')[0]}");
        }
        if (plan is null) throw new InvalidInputException($"campaign plan {source} is empty");
        Validate(plan, source);
        return plan;
    }

    public void Validate(CampaignPlan plan, string source = "plan")
    {
        if (string.IsNullOrWhiteSpace(plan.Name)) throw new InvalidInputException($"campaign plan {source} needs a name");
        if (string.IsNullOrWhiteSpace(plan.Channel)) throw new InvalidInputException($"campaign plan {source} needs a channel");
        if (plan.Videos is null || plan.Videos.Count is 0 or > MaxVideos)
        {
            throw new InvalidInputException($"campaign plan {source} needs 1..{MaxVideos} videos, has {plan.Videos?.Count ?? 0}");
        }
        for (var i = 0; i < plan.Videos.Count; i++)
        {
            var brief = plan.Videos[i].Brief;
            if (brief is null || string.IsNullOrWhiteSpace(brief.Title) || brief.Title.Trim().Length < 3)
            {
                throw new InvalidInputException($"campaign plan {source}: video {i + 1} needs a brief with a title of at least 3 characters");
            }
            if (brief.Facts is null || brief.Facts.Count(f => !string.IsNullOrWhiteSpace(f)) == 0)
            {
                throw new InvalidInputException($"campaign plan {source}: video {i + 1} ('{brief.Title}') needs at least one fact");
            }
        }
    }

    /// <summary>Writes the plan as &lt;directory&gt;/&lt;slug of name&gt;.json (atomically) and returns the path.</summary>
    public string Save(CampaignPlan plan, string directory)
    {
        Validate(plan);
        Directory.CreateDirectory(directory);
        var slug = Slug().Replace(plan.Name.ToLowerInvariant(), "-").Trim('-');
        var path = Path.Combine(directory, (slug.Length == 0 ? "campaign" : slug[..Math.Min(slug.Length, 60)]) + ".json");
        var temp = path + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(plan, AiVideoJson.Options));
        File.Move(temp, path, overwrite: true);
        return path;
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex Slug();
}
