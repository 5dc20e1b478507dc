using System.Text.Json.Serialization;

namespace AiVideo.Memory.Analytics;

/// <summary>The body of TikTok's video query: <c>{"filters":{"video_ids":[…]}}</c>.</summary>
internal sealed record VideoQueryRequest([property: JsonPropertyName("filters")] VideoQueryFilters Filters);
