using System.Globalization;
using System.Text.Json;
using AiVideo.Core.Providers;

namespace AiVideo.McpServers.Publish.Webhook;

/// <summary>
/// The JSON the receiver gets (the whole body in json mode, the <c>metadata</c> part in multipart mode):
/// <c>{idempotencyKey, platform, channelId, title, caption, hashtags, video:{sha256, sizeBytes, durationSec, url}}</c>
/// (<c>url</c> only in json mode). Written once to bytes so the signature covers exactly what is sent.
/// </summary>
public static class WebhookPayload
{
    public static byte[] Build(PublishRequest request, string videoSha256, long sizeBytes, double durationSec, string? videoUrl)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("idempotencyKey", request.IdempotencyKey);
            json.WriteString("platform", request.Platform);
            json.WriteString("channelId", request.Metadata.ChannelId);
            json.WriteString("title", request.Metadata.Title);
            json.WriteString("caption", request.Metadata.Caption);
            json.WriteStartArray("hashtags");
            foreach (var tag in request.Metadata.Hashtags) json.WriteStringValue(tag);
            json.WriteEndArray();
            json.WriteStartObject("video");
            json.WriteString("sha256", videoSha256);
            json.WriteNumber("sizeBytes", sizeBytes);
            json.WriteNumber("durationSec", Math.Round(durationSec, 3));
            if (videoUrl is not null) json.WriteString("url", videoUrl);
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }

    /// <summary>The video URL handed out in json mode: <c>&lt;PublicBaseUrl&gt;/&lt;sha256&gt;.mp4</c>.</summary>
    public static string VideoUrl(Uri publicBaseUrl, string videoSha256) =>
        string.Create(CultureInfo.InvariantCulture, $"{publicBaseUrl.AbsoluteUri.TrimEnd('/')}/{videoSha256}.mp4");
}
