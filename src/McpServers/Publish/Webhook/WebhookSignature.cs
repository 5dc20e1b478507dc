using System.Security.Cryptography;
using System.Text;

namespace AiVideo.McpServers.Publish.Webhook;

/// <summary>
/// The request signature the receiver verifies (samples/n8n/verify-signature.js):
/// <c>X-AiVideo-Signature: sha256=&lt;lowercase hex HMAC-SHA256(secret, "&lt;timestamp&gt;." + signed bytes)&gt;</c> and
/// <c>X-AiVideo-Timestamp: &lt;unix seconds&gt;</c>. The signed bytes are the JSON body (json mode), the <c>metadata</c>
/// part (multipart mode) or nothing (a status GET). Receivers reject timestamps more than 5 minutes off.
/// </summary>
public static class WebhookSignature
{
    public const string SignatureHeader = "X-AiVideo-Signature";
    public const string TimestampHeader = "X-AiVideo-Timestamp";
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string Prefix = "sha256=";

    public static string Compute(string secret, long unixSeconds, ReadOnlySpan<byte> signedBytes)
    {
        var stamp = Encoding.UTF8.GetBytes(unixSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".");
        var message = new byte[stamp.Length + signedBytes.Length];
        stamp.CopyTo(message, 0);
        signedBytes.CopyTo(message.AsSpan(stamp.Length));
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message));
    }
}
