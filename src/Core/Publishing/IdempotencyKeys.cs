using System.Security.Cryptography;
using System.Text;

namespace AiVideo.Core.Publishing;

/// <summary>Keys that make publishing idempotent: the same channel, video content and platform always give the same key.</summary>
public static class IdempotencyKeys
{
    public static string ForPublish(string channelId, string videoSha256, string platform) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{channelId}\n{videoSha256}\n{platform}")));

    public static async Task<string> FileSha256Async(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(stream, cancellationToken).ConfigureAwait(false));
    }
}
