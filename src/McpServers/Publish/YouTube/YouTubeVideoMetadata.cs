using System.Text.Json;
using AiVideo.Core.Domain;

namespace AiVideo.McpServers.Publish.YouTube;

/// <summary>
/// The videos.insert resource sent when the upload session starts:
/// <c>{snippet:{title, description, tags, categoryId}, status:{privacyStatus, selfDeclaredMadeForKids, containsSyntheticMedia?}}</c>.
/// The description is the caption followed by the hashtags it does not already contain; tags are the hashtags without '#'.
/// </summary>
public static class YouTubeVideoMetadata
{
    public static byte[] Build(PublishMetadata metadata, YouTubeOptions options)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("snippet");
            json.WriteString("title", metadata.Title.Trim());
            json.WriteString("description", Description(metadata));
            json.WriteStartArray("tags");
            foreach (var tag in metadata.Hashtags.Select(h => h.Trim().TrimStart('#')).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))
            {
                json.WriteStringValue(tag);
            }
            json.WriteEndArray();
            json.WriteString("categoryId", options.CategoryId);
            json.WriteEndObject();
            json.WriteStartObject("status");
            json.WriteString("privacyStatus", options.PrivacyStatus);
            json.WriteBoolean("selfDeclaredMadeForKids", options.MadeForKids);
            if (options.ContainsSyntheticMedia is { } synthetic) json.WriteBoolean("containsSyntheticMedia", synthetic);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    public static string Description(PublishMetadata metadata)
    {
        var caption = (metadata.Caption ?? "").Trim();
        var missing = metadata.Hashtags
            .Select(h => h.Trim())
            .Where(h => h.Length > 1)
            .Select(h => h.StartsWith('#') ? h : "#" + h)
            .Where(h => !caption.Contains(h, StringComparison.OrdinalIgnoreCase))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .ToList();
        if (missing.Count == 0) return caption;
        return caption.Length == 0 ? string.Join(' ', missing) : caption + "\n\n" + string.Join(' ', missing);
    }
}
