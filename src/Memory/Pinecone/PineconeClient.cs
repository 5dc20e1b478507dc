using AiVideo.Memory.Http;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Polly;
using Polly.Timeout;

namespace AiVideo.Memory.Pinecone;

/// <summary>
/// A thin typed client for one Pinecone index's data-plane REST API (upsert, query, fetch, delete,
/// describe_index_stats). Every request carries <c>Api-Key</c> and <c>X-Pinecone-API-Version</c>; 429, 5xx, network
/// errors and timeouts are retried with exponential backoff and jitter (honouring <c>Retry-After</c>) up to
/// <see cref="PineconeOptions.MaxRetries"/> times; any other failure is a <see cref="PineconeException"/> at once.
/// The <see cref="HttpClient"/> is the caller's: the client neither changes nor disposes it.
/// </summary>
public sealed class PineconeClient
{
    /// <summary>Pinecone's limit on ids per fetch or delete request.</summary>
    public const int MaxIdsPerRequest = 1000;

    /// <summary>Fetch puts ids in the URL; past this many characters of ids a fetch is split so the URL stays short.</summary>
    internal const int MaxFetchQueryLength = 6000;

    private readonly HttpClient _http;
    private readonly string _apiKey;
    private readonly string _apiVersion;
    private readonly int _attempts;
    private readonly ResiliencePipeline<HttpResponseMessage> _pipeline;

    /// <summary>Validates <paramref name="options"/> (an <see cref="ArgumentException"/> listing every problem) and builds the retry pipeline.</summary>
    /// <param name="http">The HTTP client to send with (its BaseAddress is not used).</param>
    /// <param name="options">Index host, API key, version and retry settings.</param>
    /// <param name="timeProvider">The clock for backoff delays and timeouts; the system clock when null.</param>
    public PineconeClient(HttpClient http, PineconeOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException("invalid Pinecone options: " + string.Join("; ", errors), nameof(options));
        _http = http;
        IndexUri = options.ResolveIndexUri();
        _apiKey = options.ApiKey.Trim();
        _apiVersion = options.ApiVersion.Trim();
        _attempts = options.MaxRetries + 1;
        _pipeline = PineconeResilience.Build(options, timeProvider ?? TimeProvider.System);
    }

    /// <summary>The index's base URI, ending in <c>/</c>.</summary>
    public Uri IndexUri { get; }

    /// <summary>
    /// Writes records to a namespace (replacing records with the same id), in as many requests as Pinecone's limits
    /// need (≤ 1000 records and ≤ 2 MB of JSON each). Returns how many records Pinecone reports upserted.
    /// </summary>
    public async Task<long> UpsertAsync(string @namespace, IEnumerable<PineconeVector> vectors, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(vectors);
        long upserted = 0;
        foreach (var body in PineconeUpsertBatches.Create(@namespace, vectors))
        {
            var answer = await SendAsync("upsert", HttpMethod.Post, "vectors/upsert", body.Json, @namespace, notFoundIsSuccess: false, cancellationToken).ConfigureAwait(false);
            upserted += answer?["upsertedCount"] is { } count ? PineconeWire.ReadLong(count) : body.Count;
        }
        return upserted;
    }

    /// <summary>The nearest records to a vector, best first.</summary>
    public async Task<IReadOnlyList<PineconeMatch>> QueryAsync(PineconeQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfLessThan(query.TopK, 1);
        var body = PineconeWire.Serialize(w =>
        {
            w.WriteStartObject();
            w.WriteString("namespace", query.Namespace);
            PineconeWire.WriteFloats(w, "vector", query.Vector.Span);
            w.WriteNumber("topK", query.TopK);
            if (query.Filter is { Count: > 0 } filter)
            {
                w.WritePropertyName("filter");
                filter.WriteTo(w);
            }
            w.WriteBoolean("includeMetadata", query.IncludeMetadata);
            w.WriteBoolean("includeValues", query.IncludeValues);
            w.WriteEndObject();
        });
        var answer = await SendAsync("query", HttpMethod.Post, "query", body, query.Namespace, notFoundIsSuccess: false, cancellationToken).ConfigureAwait(false);
        return answer?["matches"] is JsonArray matches
            ? matches.OfType<JsonObject>().Select(PineconeWire.ReadMatch).ToList()
            : [];
    }

    /// <summary>Records by id from a namespace (ids it does not hold are simply absent), in batches of at most 1000 ids.</summary>
    public async Task<IReadOnlyDictionary<string, PineconeVector>> FetchAsync(string @namespace, IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(ids);
        var found = new Dictionary<string, PineconeVector>(StringComparer.Ordinal);
        foreach (var batch in FetchBatches(ids.Distinct(StringComparer.Ordinal)))
        {
            var query = new StringBuilder("vectors/fetch?");
            foreach (var id in batch) query.Append("ids=").Append(Uri.EscapeDataString(id)).Append('&');
            query.Append("namespace=").Append(Uri.EscapeDataString(@namespace));
            var answer = await SendAsync("fetch", HttpMethod.Get, query.ToString(), null, @namespace, notFoundIsSuccess: true, cancellationToken).ConfigureAwait(false);
            if (answer?["vectors"] is not JsonObject vectors) continue;
            foreach (var (id, vector) in vectors)
            {
                if (vector is JsonObject record) found[id] = PineconeWire.ReadVector(id, record);
            }
        }
        return found;
    }

    /// <summary>Deletes records by id (ids that are not there, or a namespace that is not there, are fine).</summary>
    public async Task DeleteAsync(string @namespace, IEnumerable<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var batch in ids.Distinct(StringComparer.Ordinal).Chunk(MaxIdsPerRequest))
        {
            var body = PineconeWire.Serialize(w =>
            {
                w.WriteStartObject();
                w.WriteStartArray("ids");
                foreach (var id in batch) w.WriteStringValue(id);
                w.WriteEndArray();
                w.WriteString("namespace", @namespace);
                w.WriteEndObject();
            });
            await SendAsync("delete", HttpMethod.Post, "vectors/delete", body, @namespace, notFoundIsSuccess: true, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes every record in a namespace (which removes the namespace); a namespace that is not there is fine.</summary>
    public async Task DeleteAllAsync(string @namespace, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(@namespace);
        var body = PineconeWire.Serialize(w =>
        {
            w.WriteStartObject();
            w.WriteBoolean("deleteAll", true);
            w.WriteString("namespace", @namespace);
            w.WriteEndObject();
        });
        await SendAsync("delete", HttpMethod.Post, "vectors/delete", body, @namespace, notFoundIsSuccess: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The index dimension and record counts, in total and per namespace.</summary>
    public async Task<PineconeIndexStats> DescribeIndexStatsAsync(CancellationToken cancellationToken = default)
    {
        var answer = await SendAsync("describe_index_stats", HttpMethod.Post, "describe_index_stats", "{}"u8.ToArray(), null, notFoundIsSuccess: false, cancellationToken).ConfigureAwait(false);
        var namespaces = new Dictionary<string, long>(StringComparer.Ordinal);
        if (answer?["namespaces"] is JsonObject all)
        {
            foreach (var (name, stats) in all) namespaces[name] = PineconeWire.ReadLong(stats?["vectorCount"]);
        }
        return new PineconeIndexStats((int)PineconeWire.ReadLong(answer?["dimension"]), PineconeWire.ReadLong(answer?["totalVectorCount"]), namespaces);
    }

    private static IEnumerable<List<string>> FetchBatches(IEnumerable<string> ids)
    {
        var batch = new List<string>();
        var length = 0;
        foreach (var id in ids)
        {
            var added = Uri.EscapeDataString(id).Length + "ids=&".Length;
            if (batch.Count > 0 && (batch.Count == MaxIdsPerRequest || length + added > MaxFetchQueryLength))
            {
                yield return batch;
                batch = [];
                length = 0;
            }
            batch.Add(id);
            length += added;
        }
        if (batch.Count > 0) yield return batch;
    }

    private async Task<JsonNode?> SendAsync(string operation, HttpMethod method, string relativeUri, byte[]? body, string? @namespace, bool notFoundIsSuccess, CancellationToken cancellationToken)
    {
        var uri = new Uri(IndexUri, relativeUri);
        HttpResponseMessage response;
        try
        {
            response = await _pipeline.ExecuteAsync(async token =>
            {
                using var request = new HttpRequestMessage(method, uri);
                request.Headers.Add("Api-Key", _apiKey);
                request.Headers.Add("X-Pinecone-API-Version", _apiVersion);
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
                if (body is not null)
                {
                    request.Content = new ByteArrayContent(body);
                    request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                }
                return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, token).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutRejectedException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            var why = ex is TimeoutRejectedException or OperationCanceledException ? "timed out" : ex.Message;
            throw new PineconeException(operation, null, $"no answer from {IndexUri.Host} after {Attempts(_attempts)}: {why}", @namespace, ex);
        }
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                return ParseAnswer(operation, text, @namespace);
            }
            if (notFoundIsSuccess && response.StatusCode == HttpStatusCode.NotFound)
            {
                return null;
            }
            var message = PineconeErrorBody.Message(text, _apiKey);
            if (HttpRetryHints.IsTransient(response.StatusCode) && _attempts > 1)
            {
                message = $"{message ?? response.ReasonPhrase} (gave up after {Attempts(_attempts)})";
            }
            throw new PineconeException(operation, response.StatusCode, message, @namespace);
        }
    }

    private JsonNode? ParseAnswer(string operation, string text, string? @namespace)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            throw new PineconeException(operation, HttpStatusCode.OK, "the answer is not JSON: " + PineconeErrorBody.Message(text, _apiKey), @namespace, ex);
        }
    }

    private static string Attempts(int attempts) => attempts == 1 ? "1 attempt" : $"{attempts} attempts";
}
