namespace AiVideo.Agents.Scripts;

/// <summary>What an operator wants one video to say: a title, the facts to cover, an optional call to action.</summary>
public sealed record Brief(string Title, IReadOnlyList<string> Facts, string? Cta, IReadOnlyList<string> Hashtags);
