using System.Net;

namespace AiVideo.Memory.Pinecone;

/// <summary>
/// Where and how to reach one Pinecone index over its data-plane REST API: the index host (from the Pinecone console
/// or <c>describe_index</c>), the API key, the API version, and how hard to retry transient failures.
/// </summary>
public sealed class PineconeOptions
{
    /// <summary>
    /// The index host, e.g. <c>https://my-index-abc123.svc.us-east1-gcp.pinecone.io</c>. A host without a scheme means
    /// https; plain http is accepted only for a loopback host (a local fake or emulator).
    /// </summary>
    public string IndexHost { get; set; } = "";

    /// <summary>The project API key, sent as the <c>Api-Key</c> header and never logged or put in an exception.</summary>
    public string ApiKey { get; set; } = "";

    /// <summary>The data-plane API version, sent as <c>X-Pinecone-API-Version</c>.</summary>
    public string ApiVersion { get; set; } = "2025-04";

    /// <summary>Retries after the first attempt for 429, 5xx, network errors and timeouts (0 turns retries off).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>The first retry delay; later ones grow exponentially, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait before a retry, whether from the backoff or from a <c>Retry-After</c> header.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one attempt (request and response body) may take before it counts as a transient failure.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Everything wrong with these options, as sentences a person can act on; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(IndexHost))
        {
            errors.Add("Pinecone IndexHost is missing: set it to the index host shown in the Pinecone console (e.g. https://my-index-abc123.svc.us-east1-gcp.pinecone.io)");
        }
        else if (TryResolveIndexUri(out _) is { } hostError)
        {
            errors.Add(hostError);
        }
        if (string.IsNullOrWhiteSpace(ApiKey)) errors.Add("Pinecone ApiKey is missing: set it to a project API key");
        if (string.IsNullOrWhiteSpace(ApiVersion)) errors.Add("Pinecone ApiVersion is empty (e.g. 2025-04)");
        if (MaxRetries is < 0 or > 10) errors.Add($"Pinecone MaxRetries must be between 0 and 10, not {MaxRetries}");
        if (RetryBaseDelay < TimeSpan.Zero || RetryBaseDelay > TimeSpan.FromDays(1)) errors.Add($"Pinecone RetryBaseDelay must be between 0 and 1 day, not {RetryBaseDelay}");
        if (MaxRetryDelay < RetryBaseDelay || MaxRetryDelay > TimeSpan.FromDays(1)) errors.Add($"Pinecone MaxRetryDelay must be between RetryBaseDelay and 1 day, not {MaxRetryDelay}");
        if (RequestTimeout < TimeSpan.FromMilliseconds(10) || RequestTimeout > TimeSpan.FromDays(1)) errors.Add($"Pinecone RequestTimeout must be between 10 ms and 1 day, not {RequestTimeout}");
        return errors;
    }

    /// <summary>The index's base URI (ending in <c>/</c>); an <see cref="ArgumentException"/> when <see cref="IndexHost"/> is not usable.</summary>
    public Uri ResolveIndexUri() =>
        string.IsNullOrWhiteSpace(IndexHost)
            ? throw new ArgumentException("Pinecone IndexHost is missing", nameof(IndexHost))
            : TryResolveIndexUri(out var uri) is { } error ? throw new ArgumentException(error, nameof(IndexHost)) : uri!;

    private string? TryResolveIndexUri(out Uri? uri)
    {
        uri = null;
        var text = IndexHost.Trim();
        if (!text.Contains("://", StringComparison.Ordinal)) text = "https://" + text;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            return $"Pinecone IndexHost '{IndexHost}' is not a valid URL or host name";
        }
        if (parsed.Scheme != Uri.UriSchemeHttps && parsed.Scheme != Uri.UriSchemeHttp)
        {
            return $"Pinecone IndexHost '{IndexHost}' must be an https URL, not {parsed.Scheme}";
        }
        if (parsed.Scheme == Uri.UriSchemeHttp && !IsLoopback(parsed))
        {
            return $"Pinecone IndexHost '{IndexHost}' must use https (plain http is only allowed for a loopback host)";
        }
        if (!string.IsNullOrEmpty(parsed.Query) || !string.IsNullOrEmpty(parsed.Fragment) || !string.IsNullOrEmpty(parsed.UserInfo))
        {
            return $"Pinecone IndexHost '{IndexHost}' should be just the host, without a query, fragment or credentials";
        }
        var path = parsed.AbsolutePath.EndsWith('/') ? parsed.AbsolutePath : parsed.AbsolutePath + "/";
        uri = new UriBuilder(parsed.Scheme, parsed.Host, parsed.Port, path).Uri;
        return null;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
