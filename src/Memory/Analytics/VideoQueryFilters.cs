using System.Text.Json.Serialization;

namespace AiVideo.Memory.Analytics;

/// <summary>The <c>filters</c> of TikTok's video query: the ids to look up (at most 20).</summary>
internal sealed record VideoQueryFilters([property: JsonPropertyName("video_ids")] IReadOnlyList<string> VideoIds);
