using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AiVideo.Testing;

/// <summary>
/// A minimal OpenID Connect issuer on loopback for OAuth tests: serves /.well-known/openid-configuration and its
/// JWKS (one RSA key), and mints RS256 access tokens. The server under test finds the signing key the way it would
/// in production, through the authority's metadata; nothing about the key is configured on the server.
/// </summary>
public sealed class LocalIdentityProvider : IAsyncDisposable
{
    private const string KeyId = "aivideo-test-key";
    private readonly RSA _signingKey = RSA.Create(2048);
    private readonly HttpListener _listener = new();
    private readonly Task _serving;
    private int _jwksRequests;

    public LocalIdentityProvider()
    {
        var port = FreeLoopbackPort();
        Issuer = $"http://127.0.0.1:{port}";
        _listener.Prefixes.Add(Issuer + "/");
        _listener.Start();
        _serving = ServeAsync();
    }

    /// <summary>The issuer and authority URL, e.g. http://127.0.0.1:41234 (no trailing slash).</summary>
    public string Issuer { get; }

    /// <summary>How often the JWKS was fetched.</summary>
    public int JwksRequests => Volatile.Read(ref _jwksRequests);

    /// <summary>An RS256 access token from this issuer for <paramref name="audience"/>.</summary>
    public string IssueToken(string audience, string subject = "test-user", TimeSpan? lifetime = null) =>
        Sign(_signingKey, Issuer, audience, subject, lifetime ?? TimeSpan.FromMinutes(10));

    /// <summary>A token that claims this issuer but is signed by a key the issuer never published.</summary>
    public string IssueTokenSignedByUnknownKey(string audience)
    {
        using var other = RSA.Create(2048);
        return Sign(other, Issuer, audience, "intruder", TimeSpan.FromMinutes(10));
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        try { await _serving.ConfigureAwait(false); } catch (ObjectDisposedException) { } catch (HttpListenerException) { }
        _signingKey.Dispose();
    }

    private static string Sign(RSA key, string issuer, string audience, string subject, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var header = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new { alg = "RS256", typ = "JWT", kid = KeyId }));
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new
        {
            iss = issuer, aud = audience, sub = subject, iat = now, nbf = now, exp = now + (long)lifetime.TotalSeconds,
        }));
        var signature = key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            object? document = context.Request.Url?.AbsolutePath switch
            {
                "/.well-known/openid-configuration" => new Dictionary<string, object>
                {
                    ["issuer"] = Issuer,
                    ["jwks_uri"] = Issuer + "/jwks",
                    ["authorization_endpoint"] = Issuer + "/authorize",
                    ["token_endpoint"] = Issuer + "/token",
                    ["response_types_supported"] = new[] { "code" },
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                },
                "/jwks" => Jwks(),
                _ => null,
            };
            var body = document is null ? [] : JsonSerializer.SerializeToUtf8Bytes(document);
            context.Response.StatusCode = document is null ? 404 : 200;
            context.Response.ContentType = "application/json";
            context.Response.ContentLength64 = body.Length;
            context.Response.KeepAlive = false;
            await context.Response.OutputStream.WriteAsync(body).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private object Jwks()
    {
        Interlocked.Increment(ref _jwksRequests);
        var parameters = _signingKey.ExportParameters(includePrivateParameters: false);
        return new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = KeyId, n = Base64Url(parameters.Modulus!), e = Base64Url(parameters.Exponent!) },
            },
        };
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }
}
