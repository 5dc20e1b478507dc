using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace AiVideo.Testing;

/// <summary>
/// Raw Streamable HTTP requests to an MCP endpoint (JSON-RPC in a POST), for tests that need to control the headers
/// a browser or an attacker would send: Origin, Host, Authorization.
/// </summary>
public static class McpHttpRequests
{
    public static HttpRequestMessage JsonRpc(Uri endpoint, string method, object? parameters = null, int id = 1) =>
        Post(endpoint, JsonSerializer.Serialize(new { jsonrpc = "2.0", id, method, @params = parameters ?? new { } }));

    public static HttpRequestMessage Initialize(Uri endpoint) => JsonRpc(endpoint, "initialize", new
    {
        protocolVersion = "2025-11-25",
        capabilities = new { },
        clientInfo = new { name = "aivideo-tests", version = "1.0" },
    });

    public static HttpRequestMessage ToolsList(Uri endpoint) => JsonRpc(endpoint, "tools/list");

    public static HttpRequestMessage CallTool(Uri endpoint, string tool, IReadOnlyDictionary<string, object?> arguments) =>
        JsonRpc(endpoint, "tools/call", new { name = tool, arguments });

    /// <summary>
    /// A tools/list request whose body is just over the servers' default 4 MiB limit. It asks "Expect: 100-continue",
    /// as curl does for large bodies: a server that refuses by the declared length answers before the body is sent,
    /// instead of racing a connection reset against the client's upload.
    /// </summary>
    public static HttpRequestMessage OversizedToolsList(Uri endpoint)
    {
        var request = JsonRpc(endpoint, "tools/list", new { pad = new string('x', 4 * 1024 * 1024) });
        request.Headers.ExpectContinue = true;
        return request;
    }

    /// <summary>A POST whose body is <paramref name="json"/>, sent with a Content-Length.</summary>
    public static HttpRequestMessage Post(Uri endpoint, string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(Encoding.UTF8.GetBytes(json)) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Accept.ParseAdd("application/json");
        request.Headers.Accept.ParseAdd("text/event-stream");
        return request;
    }

    public static HttpRequestMessage WithOrigin(this HttpRequestMessage request, string origin)
    {
        request.Headers.Add("Origin", origin);
        return request;
    }

    public static HttpRequestMessage WithBearer(this HttpRequestMessage request, string token)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    public static HttpRequestMessage WithHost(this HttpRequestMessage request, string host)
    {
        request.Headers.Host = host;
        return request;
    }

    /// <summary>
    /// The JSON-RPC "result" of a response (plain JSON or one SSE "data:" event); throws when the response is not a
    /// success or carries a JSON-RPC error.
    /// </summary>
    public static async Task<JsonElement> ReadResultAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{(int)response.StatusCode}: {body}");
        }
        // Plain JSON, or an SSE stream whose message with an "id" is the response (others are notifications).
        List<string> messages = body.TrimStart().StartsWith('{')
            ? [body]
            : body.Split('\n').Where(l => l.StartsWith("data:", StringComparison.Ordinal)).Select(l => l["data:".Length..].Trim()).ToList();
        var json = messages.LastOrDefault(m => m.Contains("\"id\"", StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"no JSON-RPC response in: {body}");
        using var document = JsonDocument.Parse(json);
        if (document.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"JSON-RPC error: {error.GetRawText()}");
        }
        return document.RootElement.GetProperty("result").Clone();
    }
}
