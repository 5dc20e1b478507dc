namespace AiVideo.Memory.Performance;

/// <summary>
/// One video that went out on one platform, with what it said: the facts performance is learned from.
/// Identified by platform + the platform's id for the post (<see cref="ExternalId"/>).
/// </summary>
public sealed record PublishedVideo
{
    public required string ChannelId { get; init; }
    public required string Platform { get; init; }
    public required string ExternalId { get; init; }
    public string? RunId { get; init; }
    public required string Title { get; init; }
    public required string Hook { get; init; }

    /// <summary>What the video is about, in a few words (the brief's title for AiVideo's own runs).</summary>
    public required string Topic { get; init; }

    public IReadOnlyList<string> Beats { get; init; } = [];

    /// <summary>One of <see cref="HookStyles"/>.</summary>
    public required string HookStyle { get; init; }

    public double DurationSec { get; init; }
    public required DateTimeOffset PostedAt { get; init; }

    /// <summary>The text a video is embedded by: topic, hook and beats.</summary>
    public string EmbeddingText => string.Join("\n", new[] { Topic, Hook }.Concat(Beats));
}
