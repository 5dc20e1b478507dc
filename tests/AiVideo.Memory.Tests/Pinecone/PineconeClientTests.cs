using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using AiVideo.Memory.Pinecone;
using AiVideo.Testing.Fakes;

namespace AiVideo.Memory.Tests.Pinecone;

public sealed class PineconeClientTests : IDisposable
{
    private const string Key = "pcsk_very_secret_key_42";
    private const string DimensionError = "Vector dimension 3 does not match the dimension of the index 384";

    private readonly HttpClient _http = new();

    private PineconeClient Client(CannedHttpServer server, int maxRetries = 2, TimeSpan? timeout = null) => new(_http, new PineconeOptions
    {
        IndexHost = server.BaseUrl,
        ApiKey = Key,
        MaxRetries = maxRetries,
        RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        MaxRetryDelay = TimeSpan.FromMilliseconds(20),
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(10),
    });

    private static PineconeQuery Query => new("cats", new float[] { 1, 0, 0, 0 }, 3);

    [Fact]
    public async Task Requests_EveryOperation_CarryApiKeyAndVersionHeaders()
    {
        using var pinecone = new FakePinecone();
        var client = pinecone.Client;

        await client.UpsertAsync("cats", [new PineconeVector("a", new float[] { 1, 0, 0, 0 })]);
        await client.QueryAsync(Query);
        await client.FetchAsync("cats", ["a"]);
        await client.DescribeIndexStatsAsync();
        await client.DeleteAsync("cats", ["a"]);

        Assert.Equal(5, pinecone.Server.Requests.Count);
        Assert.All(pinecone.Server.Requests, r =>
        {
            Assert.Equal(FakePinecone.ApiKey, r.Headers["Api-Key"]);
            Assert.Equal("2025-04", r.Headers["X-Pinecone-API-Version"]);
        });
    }

    [Fact]
    public async Task Query_WritesPineconeRequestShape()
    {
        using var server = new CannedHttpServer(200, """{"matches":[{"id":"b","score":0.75,"values":[],"metadata":{"channel":"cats"}},{"id":"a","score":0.5}],"namespace":"cats"}""");
        var filter = new JsonObject { ["channel"] = new JsonObject { ["$eq"] = "cats" } };

        var matches = await Client(server).QueryAsync(new PineconeQuery("cats", new float[] { 0.5f, 0, 0, 1 }, 7, filter, IncludeValues: true));

        var request = Assert.Single(server.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/query", request.Path);
        Assert.Equal("""{"namespace":"cats","vector":[0.5,0,0,1],"topK":7,"filter":{"channel":{"$eq":"cats"}},"includeMetadata":true,"includeValues":true}""", request.Body);
        Assert.Equal(["b", "a"], matches.Select(m => m.Id));
        Assert.Equal(0.75, matches[0].Score);
        Assert.Equal("cats", matches[0].Metadata!["channel"]!.GetValue<string>());
        Assert.True(matches[1].Values.IsEmpty);
    }

    [Fact]
    public async Task Query_429Then200_SucceedsAfterOneRetry()
    {
        using var server = new CannedHttpServer(200, """{"matches":[{"id":"a","score":0.9}],"namespace":"cats"}""");
        server.Sequence.Enqueue((429, """{"code":8,"message":"Request failed. You've reached your rate limit."}"""));

        var matches = await Client(server).QueryAsync(Query);

        Assert.Equal("a", Assert.Single(matches).Id);
        Assert.Equal(2, server.Requests.Count);
        Assert.All(server.Requests, r => Assert.Equal(server.Requests.First().Body, r.Body));
    }

    [Fact]
    public async Task Query_503BeyondMaxRetries_ThrowsPineconeExceptionAfterEveryAttempt()
    {
        using var server = new CannedHttpServer(503, """{"code":14,"message":"Service unavailable"}""");

        var ex = await Assert.ThrowsAsync<PineconeException>(() => Client(server, maxRetries: 3).QueryAsync(Query));

        Assert.Equal(4, server.Requests.Count);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ex.StatusCode);
        Assert.Equal("query", ex.OperationName);
        Assert.Equal("cats", ex.CollectionName);
        Assert.Contains("Service unavailable", ex.Message, StringComparison.Ordinal);
        Assert.Contains("4 attempts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Upsert_400DimensionMismatch_ThrowsWithPineconeMessageWithoutRetryOrKey()
    {
        using var server = new CannedHttpServer(400, $$"""{"code":3,"message":"{{DimensionError}}","details":[]}""");

        var ex = await Assert.ThrowsAsync<PineconeException>(() =>
            Client(server, maxRetries: 4).UpsertAsync("cats", [new PineconeVector("a", new float[] { 1, 2, 3 })]));

        Assert.Single(server.Requests);
        Assert.Equal(HttpStatusCode.BadRequest, ex.StatusCode);
        Assert.Equal(DimensionError, ex.PineconeMessage);
        Assert.Contains(DimensionError, ex.Message, StringComparison.Ordinal);
        Assert.Contains("upsert", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(Key, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Fetch_401WithNestedErrorEchoingTheKey_ScrubsTheKey()
    {
        using var server = new CannedHttpServer(401, $$"""{"error":{"code":"UNAUTHENTICATED","message":"Invalid API Key: {{Key}}"},"status":401}""");

        var ex = await Assert.ThrowsAsync<PineconeException>(() => Client(server).FetchAsync("cats", ["a"]));

        Assert.Single(server.Requests);
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("Invalid API Key: ***", ex.PineconeMessage);
        Assert.DoesNotContain(Key, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Delete_NamespaceNotFound_IsNotAnError()
    {
        using var server = new CannedHttpServer(404, """{"code":5,"message":"Namespace not found","details":[]}""");
        var client = Client(server);

        await client.DeleteAsync("nobody", ["a", "b"]);
        await client.DeleteAllAsync("nobody");

        Assert.Equal(2, server.Requests.Count);
        Assert.Equal("""{"ids":["a","b"],"namespace":"nobody"}""", server.Requests.First().Body);
        Assert.Equal("""{"deleteAll":true,"namespace":"nobody"}""", server.Requests.Last().Body);
    }

    [Fact]
    public async Task Query_404_IsAnError()
    {
        using var server = new CannedHttpServer(404, """{"code":5,"message":"Not Found"}""");

        var ex = await Assert.ThrowsAsync<PineconeException>(() => Client(server).QueryAsync(Query));

        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Fetch_ManyIds_SplitsIntoBatchesOfAtMost1000()
    {
        using var server = new CannedHttpServer(200, """{"vectors":{},"namespace":"cats"}""");
        var ids = Enumerable.Range(0, 2300).Select(i => $"v{i}").ToList();

        var found = await Client(server).FetchAsync("cats", ids);

        Assert.Empty(found);
        var batches = server.Requests.Select(r => r.Query.Split('&').Count(p => p.TrimStart('?').StartsWith("ids=", StringComparison.Ordinal))).ToList();
        Assert.Equal(2300, batches.Sum());
        Assert.All(batches, count => Assert.InRange(count, 1, 1000));
        Assert.All(server.Requests, r => Assert.EndsWith("&namespace=cats", r.Query, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Fetch_EscapesIdsAndNamespaceInTheQueryString()
    {
        using var server = new CannedHttpServer(200, """{"vectors":{"a b":{"id":"a b","values":[1,2,3,4],"metadata":{"x":1}}},"namespace":"my channel"}""");

        var found = await Client(server).FetchAsync("my channel", ["a b", "c&d"]);

        var request = Assert.Single(server.Requests);
        Assert.Equal("GET", request.Method);
        Assert.Equal("/vectors/fetch", request.Path);
        Assert.Equal("?ids=a%20b&ids=c%26d&namespace=my%20channel", request.Query);
        Assert.Equal([1f, 2f, 3f, 4f], found["a b"].Values.ToArray());
    }

    [Fact]
    public async Task Query_NoServerListening_ThrowsPineconeExceptionWithoutStatusAfterRetries()
    {
        var port = ClosedPort();
        var client = new PineconeClient(_http, new PineconeOptions
        {
            IndexHost = $"http://127.0.0.1:{port}",
            ApiKey = Key,
            MaxRetries = 1,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        });

        var ex = await Assert.ThrowsAsync<PineconeException>(() => client.QueryAsync(Query));

        Assert.Null(ex.StatusCode);
        Assert.IsType<HttpRequestException>(ex.InnerException);
        Assert.Contains("2 attempts", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_SlowAnswer_TimesOutAsPineconeException()
    {
        using var server = new CannedHttpServer(200, """{"matches":[]}""");
        server.Handler = _ =>
        {
            Thread.Sleep(600);
            return (200, """{"matches":[]}""");
        };

        var ex = await Assert.ThrowsAsync<PineconeException>(() => Client(server, maxRetries: 0, timeout: TimeSpan.FromMilliseconds(100)).QueryAsync(Query));

        Assert.Null(ex.StatusCode);
        Assert.Contains("timed out", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Query_CallerCancels_ThrowsOperationCanceled()
    {
        using var server = new CannedHttpServer(503, "{}");
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client(server).QueryAsync(Query, cancel.Token));
    }

    [Fact]
    public async Task DescribeIndexStats_ReadsNamespacesAndCounts()
    {
        using var server = new CannedHttpServer(200, """{"namespaces":{"cats":{"vectorCount":3},"dogs":{"vectorCount":12}},"dimension":384,"indexFullness":0,"totalVectorCount":15}""");

        var stats = await Client(server).DescribeIndexStatsAsync();

        Assert.Equal("{}", Assert.Single(server.Requests).Body);
        Assert.Equal(384, stats.Dimension);
        Assert.Equal(15, stats.TotalVectorCount);
        Assert.Equal(3, stats.Namespaces["cats"]);
        Assert.Equal(12, stats.Namespaces["dogs"]);
    }

    [Fact]
    public void RetryAfter_SecondsOrDate_IsTheWaitAskedFor()
    {
        var now = new DateTimeOffset(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
        using var seconds = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        seconds.Headers.TryAddWithoutValidation("Retry-After", "7");
        using var date = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);
        date.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(now.AddSeconds(3));
        using var none = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromSeconds(7), AiVideo.Memory.Http.HttpRetryHints.RetryAfter(seconds, now));
        Assert.Equal(TimeSpan.FromSeconds(3), AiVideo.Memory.Http.HttpRetryHints.RetryAfter(date, now));
        Assert.Null(AiVideo.Memory.Http.HttpRetryHints.RetryAfter(none, now));
    }

    private static int ClosedPort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose() => _http.Dispose();
}
