using AiVideo.Agents.Scripts;

namespace AiVideo.Agents.Campaigns;

/// <summary>A campaign: one channel, N videos in order, each with a date and its own brief. Saved as JSON.</summary>
public sealed record CampaignPlan
{
    public required string Name { get; init; }

    /// <summary>Channel id (resolved among the known channel files) or a path to a channel JSON file.</summary>
    public required string Channel { get; init; }

    public required IReadOnlyList<CampaignVideo> Videos { get; init; }
}

/// <summary>One planned video: when it should go out, and what it says.</summary>
public sealed record CampaignVideo(DateOnly Date, CampaignBrief Brief);

/// <summary>A brief inside a plan (the same fields as a brief file).</summary>
public sealed record CampaignBrief(string Title, IReadOnlyList<string> Facts, string? Cta = null, IReadOnlyList<string>? Hashtags = null)
{
    public Brief ToBrief() => new(Title.Trim(), Facts.Select(f => f.Trim()).ToList(), string.IsNullOrWhiteSpace(Cta) ? null : Cta.Trim(), Hashtags ?? []);
}
