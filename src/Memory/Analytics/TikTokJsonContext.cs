using System.Text.Json.Serialization;

namespace AiVideo.Memory.Analytics;

/// <summary>Source-generated JSON metadata for the TikTok request bodies.</summary>
[JsonSerializable(typeof(VideoQueryRequest))]
internal sealed partial class TikTokJsonContext : JsonSerializerContext;
