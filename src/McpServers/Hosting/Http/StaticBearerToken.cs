using System.Security.Cryptography;
using System.Text;

namespace AiVideo.McpServers.Hosting.Http;

/// <summary>
/// The server's static bearer token. Presented credentials are compared in constant time: both sides are hashed
/// with SHA-256 (so neither the token's length nor a common prefix shows in the timing) and the digests compared
/// with <see cref="CryptographicOperations.FixedTimeEquals"/>. The token itself is not kept.
/// </summary>
public sealed class StaticBearerToken
{
    private readonly byte[] _digest;

    public StaticBearerToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        _digest = Digest(token);
    }

    /// <summary>True when the credential is the token.</summary>
    public bool Matches(string? credential) =>
        credential is not null && CryptographicOperations.FixedTimeEquals(Digest(credential), _digest);

    /// <summary>True when an Authorization header value is "Bearer &lt;the token&gt;" (scheme name case-insensitive).</summary>
    public bool MatchesAuthorizationHeader(string? authorization) =>
        TryReadBearerCredential(authorization, out var credential) && Matches(credential);

    public static bool TryReadBearerCredential(string? authorization, out string credential)
    {
        const string scheme = "Bearer ";
        credential = "";
        if (authorization is null || !authorization.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }
        credential = authorization[scheme.Length..].Trim();
        return credential.Length > 0;
    }

    private static byte[] Digest(string value) => SHA256.HashData(Encoding.UTF8.GetBytes(value));
}
