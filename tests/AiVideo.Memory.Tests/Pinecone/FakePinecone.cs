using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Memory.Pinecone;
using AiVideo.Testing.Fakes;

namespace AiVideo.Memory.Tests.Pinecone;

/// <summary>
/// A stateful stand-in for one Pinecone index (dimension 4, cosine) on a loopback <see cref="CannedHttpServer"/>:
/// namespaces → id → (values, metadata); upsert, query (with $eq/$ne/$in/$gt/$gte/$lt/$lte/$and/$or filters),
/// fetch, delete, describe_index_stats. Requests without the right Api-Key get a 401.
/// </summary>
public sealed class FakePinecone : IDisposable
{
    public const string ApiKey = "pcsk_test_5ecret_KEY_0123456789";
    public const int Dimension = 4;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Dictionary<string, (float[] Values, JsonObject Metadata)>> _namespaces = new(StringComparer.Ordinal);
    private readonly HttpClient _http = new();

    public FakePinecone()
    {
        Server = new CannedHttpServer(500, """{"code":13,"message":"no canned answer"}""") { Handler = Handle };
        Client = new PineconeClient(_http, Options());
    }

    public CannedHttpServer Server { get; }

    public PineconeClient Client { get; }

    public PineconeOptions Options() => new()
    {
        IndexHost = Server.BaseUrl,
        ApiKey = ApiKey,
        MaxRetries = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        RequestTimeout = TimeSpan.FromSeconds(10),
    };

    public IReadOnlyList<RecordedRequest> RequestsTo(string path) => Server.Requests.Where(r => r.Path == path).ToList();

    public IReadOnlyCollection<string> Ids(string @namespace)
    {
        lock (_lock)
        {
            return _namespaces.TryGetValue(@namespace, out var records) ? records.Keys.ToList() : [];
        }
    }

    public JsonObject? MetadataOf(string @namespace, string id)
    {
        lock (_lock)
        {
            return _namespaces.TryGetValue(@namespace, out var records) && records.TryGetValue(id, out var record) ? record.Metadata : null;
        }
    }

    private (int Status, string Body) Handle(RecordedRequest request)
    {
        if (!request.Headers.TryGetValue("Api-Key", out var key) || key != ApiKey)
        {
            return (401, """{"error":{"code":"UNAUTHENTICATED","message":"Invalid API Key"},"status":401}""");
        }
        lock (_lock)
        {
            return (request.Method, request.Path) switch
            {
                ("POST", "/vectors/upsert") => Upsert(Parse(request)),
                ("POST", "/query") => Query(Parse(request)),
                ("GET", "/vectors/fetch") => Fetch(request.Query),
                ("POST", "/vectors/delete") => Delete(Parse(request)),
                ("POST", "/describe_index_stats") => Stats(),
                _ => (404, """{"code":5,"message":"Not Found"}"""),
            };
        }
    }

    private static JsonObject Parse(RecordedRequest request) => JsonNode.Parse(request.Body)!.AsObject();

    private (int, string) Upsert(JsonObject body)
    {
        var vectors = body["vectors"]!.AsArray();
        var records = Namespace(body["namespace"]?.GetValue<string>() ?? "");
        foreach (var vector in vectors.Select(v => v!.AsObject()))
        {
            var values = vector["values"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
            if (values.Length != Dimension)
            {
                return (400, $$"""{"code":3,"message":"Vector dimension {{values.Length}} does not match the dimension of the index {{Dimension}}","details":[]}""");
            }
            if (vector["metadata"] is JsonObject metadata && metadata.Any(p => p.Value is null))
            {
                return (400, """{"code":3,"message":"Metadata value must be a string, number, boolean or list of strings, got 'null'"}""");
            }
            records[vector["id"]!.GetValue<string>()] = (values, (JsonObject?)vector["metadata"]?.DeepClone() ?? new JsonObject());
        }
        return (200, $$"""{"upsertedCount":{{vectors.Count}}}""");
    }

    private (int, string) Query(JsonObject body)
    {
        var vector = body["vector"]!.AsArray().Select(v => v!.GetValue<float>()).ToArray();
        if (vector.Length != Dimension)
        {
            return (400, $$"""{"code":3,"message":"Vector dimension {{vector.Length}} does not match the dimension of the index {{Dimension}}"}""");
        }
        var topK = body["topK"]!.GetValue<int>();
        var filter = body["filter"] as JsonObject;
        var includeValues = body["includeValues"]?.GetValue<bool>() ?? false;
        var includeMetadata = body["includeMetadata"]?.GetValue<bool>() ?? false;
        var @namespace = body["namespace"]?.GetValue<string>() ?? "";
        var matches = new JsonArray();
        if (_namespaces.TryGetValue(@namespace, out var records))
        {
            foreach (var (id, record, score) in records
                .Where(r => filter is null || Matches(filter, r.Value.Metadata))
                .Select(r => (r.Key, r.Value, Score: Cosine(vector, r.Value.Values)))
                .OrderByDescending(r => r.Score)
                .Take(topK))
            {
                var match = new JsonObject { ["id"] = id, ["score"] = score, ["values"] = includeValues ? Floats(record.Values) : new JsonArray() };
                if (includeMetadata) match["metadata"] = record.Metadata.DeepClone();
                matches.Add(match);
            }
        }
        return (200, new JsonObject { ["matches"] = matches, ["namespace"] = @namespace, ["usage"] = new JsonObject { ["readUnits"] = 1 } }.ToJsonString());
    }

    private (int, string) Fetch(string query)
    {
        var parameters = query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(p => p.Split('=', 2))
            .Select(p => (Name: p[0], Value: Uri.UnescapeDataString(p.Length > 1 ? p[1] : "")))
            .ToList();
        var @namespace = parameters.FirstOrDefault(p => p.Name == "namespace").Value ?? "";
        var vectors = new JsonObject();
        if (_namespaces.TryGetValue(@namespace, out var records))
        {
            foreach (var id in parameters.Where(p => p.Name == "ids").Select(p => p.Value))
            {
                if (records.TryGetValue(id, out var record))
                {
                    vectors[id] = new JsonObject { ["id"] = id, ["values"] = Floats(record.Values), ["metadata"] = record.Metadata.DeepClone() };
                }
            }
        }
        return (200, new JsonObject { ["vectors"] = vectors, ["namespace"] = @namespace }.ToJsonString());
    }

    private (int, string) Delete(JsonObject body)
    {
        var @namespace = body["namespace"]?.GetValue<string>() ?? "";
        if (!_namespaces.TryGetValue(@namespace, out var records))
        {
            return (404, """{"code":5,"message":"Namespace not found","details":[]}""");
        }
        if (body["deleteAll"]?.GetValue<bool>() == true)
        {
            _namespaces.Remove(@namespace);
        }
        else
        {
            foreach (var id in body["ids"]!.AsArray()) records.Remove(id!.GetValue<string>());
            if (records.Count == 0) _namespaces.Remove(@namespace);
        }
        return (200, "{}");
    }

    private (int, string) Stats()
    {
        var namespaces = new JsonObject();
        foreach (var (name, records) in _namespaces) namespaces[name] = new JsonObject { ["vectorCount"] = records.Count };
        return (200, new JsonObject
        {
            ["namespaces"] = namespaces,
            ["dimension"] = Dimension,
            ["indexFullness"] = 0,
            ["totalVectorCount"] = _namespaces.Values.Sum(r => r.Count),
        }.ToJsonString());
    }

    private Dictionary<string, (float[] Values, JsonObject Metadata)> Namespace(string name)
    {
        if (!_namespaces.TryGetValue(name, out var records))
        {
            records = new Dictionary<string, (float[], JsonObject)>(StringComparer.Ordinal);
            _namespaces[name] = records;
        }
        return records;
    }

    private static JsonArray Floats(float[] values) => new(values.Select(v => (JsonNode?)v).ToArray());

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return na == 0 || nb == 0 ? 0 : dot / Math.Sqrt(na * nb);
    }

    /// <summary>Pinecone's filter semantics: fields combine with AND; a list field matches $eq/$in when any element does.</summary>
    private static bool Matches(JsonObject filter, JsonObject metadata) => filter.All(clause => clause.Key switch
    {
        "$and" => clause.Value!.AsArray().All(part => Matches(part!.AsObject(), metadata)),
        "$or" => clause.Value!.AsArray().Any(part => Matches(part!.AsObject(), metadata)),
        _ => clause.Value is JsonObject operators
            ? operators.All(op => Holds(op.Key, metadata[clause.Key], op.Value))
            : Holds("$eq", metadata[clause.Key], clause.Value),
    });

    private static bool Holds(string op, JsonNode? field, JsonNode? operand)
    {
        var values = field switch
        {
            null => [],
            JsonArray list => list.ToList(),
            _ => [field],
        };
        return op switch
        {
            "$eq" => values.Any(v => Compare(v, operand) == 0),
            "$ne" => values.All(v => Compare(v, operand) != 0),
            "$in" => values.Any(v => operand!.AsArray().Any(o => Compare(v, o) == 0)),
            "$nin" => values.All(v => operand!.AsArray().All(o => Compare(v, o) != 0)),
            "$gt" => values.Any(v => Compare(v, operand) > 0),
            "$gte" => values.Any(v => Compare(v, operand) >= 0),
            "$lt" => values.Any(v => Compare(v, operand) is < 0 and not int.MinValue),
            "$lte" => values.Any(v => Compare(v, operand) is <= 0 and not int.MinValue),
            _ => throw new InvalidOperationException($"the fake Pinecone does not know {op}"),
        };
    }

    /// <summary>Numbers compare as numbers, strings ordinally, booleans by value; int.MinValue when the kinds differ.</summary>
    private static int Compare(JsonNode? a, JsonNode? b)
    {
        if (a is not JsonValue x || b is not JsonValue y) return int.MinValue;
        return (x.GetValueKind(), y.GetValueKind()) switch
        {
            (JsonValueKind.Number, JsonValueKind.Number) => x.GetValue<double>().CompareTo(y.GetValue<double>()),
            (JsonValueKind.String, JsonValueKind.String) => string.CompareOrdinal(x.GetValue<string>(), y.GetValue<string>()),
            (JsonValueKind.True or JsonValueKind.False, JsonValueKind.True or JsonValueKind.False) =>
                (x.GetValueKind() == JsonValueKind.True).CompareTo(y.GetValueKind() == JsonValueKind.True),
            _ => int.MinValue,
        };
    }

    public void Dispose()
    {
        Server.Dispose();
        _http.Dispose();
    }
}
