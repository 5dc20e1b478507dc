using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// Kling's API token: a JWT (HS256) signed with the secret key, claims <c>iss</c> = access key, <c>exp</c> = now + 1800 s,
/// <c>nbf</c> = now − 5 s. Written here (base64url of header and claims, HMAC-SHA256 over "header.claims").
/// </summary>
public static class KlingJwt
{
    public const int LifetimeSeconds = 1800;
    public const int NotBeforeSkewSeconds = 5;

    public static string Create(string accessKey, string secretKey, DateTimeOffset now)
    {
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["alg"] = "HS256", ["typ"] = "JWT" }));
        var claims = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iss"] = accessKey,
            ["exp"] = now.ToUnixTimeSeconds() + LifetimeSeconds,
            ["nbf"] = now.ToUnixTimeSeconds() - NotBeforeSkewSeconds,
        }));
        var signingInput = $"{header}.{claims}";
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretKey), Encoding.ASCII.GetBytes(signingInput));
        return $"{signingInput}.{Base64Url(signature)}";
    }

    public static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
