using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace AiVideo.McpServers.Publish.Tests.YouTube;

/// <summary>What the fake does to one data PUT (by its 0-based index among data PUTs).</summary>
internal enum ChunkFault
{
    None,

    /// <summary>Keeps the first half of the chunk, then drops the connection without answering.</summary>
    DropAfterHalf,

    /// <summary>Keeps nothing, answers 503.</summary>
    ServiceUnavailable,

    /// <summary>Keeps the first half and answers 308 with a Range that says so.</summary>
    AcceptHalf,

    /// <summary>Keeps everything (finishing the video when it was the last chunk), then drops the connection.</summary>
    KeepAllThenDrop,
}

internal sealed record FakeRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

internal sealed record FakeVideo(string Id, string SessionId, byte[] Bytes, string Metadata);

/// <summary>
/// A loopback fake of Google's token endpoint and YouTube's resumable videos.insert: sessions with the bytes they got,
/// 308 + Range, status queries (<c>bytes */total</c>), 404 for expired sessions, 401 for unknown bearer tokens, and
/// faults per data PUT — including a connection dropped mid-chunk, which CannedHttpServer cannot do.
/// </summary>
internal sealed class FakeYouTube : IDisposable
{
    public const string UploadPath = "/upload/youtube/v3/videos";
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal);
    private int _dataPuts;

    public FakeYouTube()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<FakeRequest> Requests { get; } = new();

    public ConcurrentQueue<FakeVideo> Videos { get; } = new();

    public int ExpiresIn { get; set; } = 3600;

    /// <summary>Answers the next N upload requests 401 whatever their token.</summary>
    public int RefuseBearer { get; set; }

    /// <summary>Answer to the session POST instead of a session (status, JSON body).</summary>
    public (int Status, string Body)? InsertAnswer { get; set; }

    public Func<int, ChunkFault> Faults { get; set; } = _ => ChunkFault.None;

    /// <summary>Data PUTs that did not start at the byte the session expected (a client that resent from 0 shows up here).</summary>
    public int MisplacedChunks { get; private set; }

    public FakeRequest[] TokenRequests => Requests.Where(r => r.Path == "/token").ToArray();

    public FakeRequest[] SessionPosts => Requests.Where(r => r.Method == "POST" && r.Path == UploadPath).ToArray();

    public FakeRequest[] Puts => Requests.Where(r => r.Method == "PUT").ToArray();

    public FakeRequest[] DataPuts => Puts.Where(r => r.Body.Length > 0).ToArray();

    public FakeRequest[] StatusQueries => Puts.Where(r => r.Body.Length == 0).ToArray();

    public void Expire(string sessionId)
    {
        lock (_sessions) _sessions[sessionId].Expired = true;
    }

    public long Received(string sessionId)
    {
        lock (_sessions) return _sessions[sessionId].Bytes.Length;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
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
            try
            {
                await HandleAsync(context).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is HttpListenerException or IOException or ObjectDisposedException)
            {
            }
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var request = context.Request;
        using var body = new MemoryStream();
        await request.InputStream.CopyToAsync(body).ConfigureAwait(false);
        var headers = request.Headers.AllKeys.OfType<string>().ToDictionary(k => k, k => request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
        var recorded = new FakeRequest(request.HttpMethod, request.Url!.AbsolutePath, request.Url.Query, headers, body.ToArray());
        Requests.Enqueue(recorded);
        var response = context.Response;

        if (recorded.Path == "/token" && recorded.Method == "POST")
        {
            var token = "at-" + TokenRequests.Length.ToString(CultureInfo.InvariantCulture);
            lock (_tokens) _tokens.Add(token);
            Respond(response, 200, $$"""{"access_token":"{{token}}","expires_in":{{ExpiresIn}},"scope":"https://www.googleapis.com/auth/youtube.upload","token_type":"Bearer"}""");
            return;
        }
        if (recorded.Path != UploadPath)
        {
            Respond(response, 404, """{"error":{"code":404,"message":"Not Found"}}""");
            return;
        }
        var bearer = recorded.Header("Authorization");
        bool known;
        lock (_tokens) known = bearer is not null && bearer.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.Contains(bearer[7..]);
        if (!known || RefuseBearer > 0)
        {
            if (RefuseBearer > 0) RefuseBearer--;
            Respond(response, 401, """{"error":{"code":401,"message":"Request had invalid authentication credentials.","errors":[{"reason":"authError","message":"Invalid Credentials"}]}}""");
            return;
        }
        if (recorded.Method == "POST")
        {
            if (InsertAnswer is { } answer)
            {
                Respond(response, answer.Status, answer.Body);
                return;
            }
            string id;
            lock (_sessions)
            {
                id = "s" + (_sessions.Count + 1).ToString(CultureInfo.InvariantCulture);
                _sessions[id] = new Session(long.Parse(recorded.Header("X-Upload-Content-Length")!, CultureInfo.InvariantCulture), Encoding.UTF8.GetString(recorded.Body));
            }
            response.Headers["Location"] = $"{BaseUrl}{UploadPath}?uploadType=resumable&upload_id={id}";
            Respond(response, 200, "");
            return;
        }
        HandlePut(context, recorded);
    }

    private void HandlePut(HttpListenerContext context, FakeRequest put)
    {
        var response = context.Response;
        var id = put.Query.Split('&', '?').FirstOrDefault(p => p.StartsWith("upload_id=", StringComparison.Ordinal))?["upload_id=".Length..];
        lock (_sessions)
        {
            if (id is null || !_sessions.TryGetValue(id, out var session) || session.Expired)
            {
                Respond(response, 404, """{"error":{"code":404,"message":"Upload session not found"}}""");
                return;
            }
            var range = put.Header("Content-Range") ?? "";
            if (session.Video is null && range.StartsWith("bytes */", StringComparison.Ordinal))
            {
                RespondIncomplete(response, session);
                return;
            }
            if (session.Video is { } done)
            {
                Respond(response, 200, VideoJson(done, session));
                return;
            }
            var from = long.Parse(range["bytes ".Length..range.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
            if (from != session.Bytes.Length)
            {
                MisplacedChunks++;
                Respond(response, 400, """{"error":{"code":400,"message":"Invalid Content-Range","errors":[{"reason":"badContent"}]}}""");
                return;
            }
            var fault = Faults(_dataPuts++);
            switch (fault)
            {
                case ChunkFault.ServiceUnavailable:
                    Respond(response, 503, """{"error":{"code":503,"message":"Backend Error","errors":[{"reason":"backendError"}]}}""");
                    return;
                case ChunkFault.DropAfterHalf:
                    session.Bytes.Write(put.Body, 0, put.Body.Length / 2);
                    response.Abort();
                    return;
                case ChunkFault.AcceptHalf:
                    session.Bytes.Write(put.Body, 0, put.Body.Length / 2);
                    RespondIncomplete(response, session);
                    return;
            }
            session.Bytes.Write(put.Body);
            if (session.Bytes.Length >= session.Total)
            {
                session.Video = "vid-" + (Videos.Count + 1).ToString(CultureInfo.InvariantCulture);
                Videos.Enqueue(new FakeVideo(session.Video, id, session.Bytes.ToArray(), session.Metadata));
            }
            if (fault == ChunkFault.KeepAllThenDrop)
            {
                response.Abort();
                return;
            }
            if (session.Video is { } video) Respond(response, 201, VideoJson(video, session));
            else RespondIncomplete(response, session);
        }
    }

    private static void RespondIncomplete(HttpListenerResponse response, Session session)
    {
        if (session.Bytes.Length > 0) response.Headers["Range"] = $"bytes=0-{session.Bytes.Length - 1}";
        Respond(response, 308, "");
    }

    private static string VideoJson(string id, Session session)
    {
        using var metadata = JsonDocument.Parse(session.Metadata);
        var privacy = metadata.RootElement.GetProperty("status").GetProperty("privacyStatus").GetString();
        return JsonSerializer.Serialize(new { kind = "youtube#video", id, status = new { uploadStatus = "uploaded", privacyStatus = privacy } });
    }

    private static void Respond(HttpListenerResponse response, int status, string body)
    {
        response.StatusCode = status;
        var bytes = Encoding.UTF8.GetBytes(body);
        if (bytes.Length > 0) response.ContentType = "application/json; charset=UTF-8";
        response.ContentLength64 = bytes.Length;
        response.OutputStream.Write(bytes);
        response.Close();
    }

    private sealed class Session(long total, string metadata)
    {
        public long Total { get; } = total;

        public string Metadata { get; } = metadata;

        public MemoryStream Bytes { get; } = new();

        public string? Video { get; set; }

        public bool Expired { get; set; }
    }
}
