using System.Text.Json.Nodes;
using AiVideo.Core.Domain;

namespace AiVideo.McpServers.Publish.Outbox;

/// <summary>The request body each platform's upload API would receive for this post (recorded in metadata.json).</summary>
public static class PlatformRequestShape
{
    public static JsonObject For(string platform, PublishMetadata m)
    {
        var caption = string.Join(' ', new[] { m.Caption }.Concat(m.Hashtags.Where(h => !(m.Caption ?? "").Contains(h, StringComparison.Ordinal)))).Trim();
        return platform switch
        {
            PlatformNames.YouTubeShorts => new JsonObject
            {
                ["snippet"] = new JsonObject
                {
                    ["title"] = m.Title,
                    ["description"] = caption,
                    ["tags"] = new JsonArray(m.Hashtags.Select(h => (JsonNode?)JsonValue.Create(h.TrimStart('#'))).ToArray()),
                    ["categoryId"] = "22",
                },
                ["status"] = new JsonObject { ["privacyStatus"] = "public", ["selfDeclaredMadeForKids"] = false },
            },
            PlatformNames.TikTok => new JsonObject
            {
                ["post_info"] = new JsonObject { ["title"] = caption, ["privacy_level"] = "PUBLIC_TO_EVERYONE", ["disable_comment"] = false },
                ["source_info"] = new JsonObject { ["source"] = "FILE_UPLOAD" },
            },
            PlatformNames.InstagramReels => new JsonObject
            {
                ["media_type"] = "REELS",
                ["caption"] = caption,
                ["share_to_feed"] = true,
            },
            _ => new JsonObject { ["title"] = m.Title, ["caption"] = caption, ["hashtags"] = new JsonArray(m.Hashtags.Select(h => (JsonNode?)JsonValue.Create(h)).ToArray()) },
        };
    }
}
