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
/// A loopback fake (raw HTTP/1.1 over TCP) of Google's token endpoint and YouTube's resumable videos.insert: sessions with the bytes they got,
/// 308 + Range, status queries (<c>bytes */total</c>), 404 for expired sessions, 401 for unknown bearer tokens, and
/// faults per data PUT — including a connection dropped mid-chunk, which CannedHttpServer cannot do.
/// </summary>
internal sealed class FakeYouTube : IDisposable
{
    public const string UploadPath = "/upload/youtube/v3/videos";
    public const string VideosPath = "/youtube/v3/videos";
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Dictionary<string, Session> _sessions = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal);
    private int _dataPuts;

    public FakeYouTube()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
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

    /// <summary>status.uploadStatus of the next videos.list answers ("processed" once empty), optionally "rejected:reason".</summary>
    public ConcurrentQueue<string> Processing { get; } = new();

    public FakeRequest[] VideoQueries => Requests.Where(r => r.Method == "GET" && r.Path == VideosPath).ToArray();

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
        _listener.Stop();
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
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }
            _ = Task.Run(() => ConnectionAsync(client));
        }
    }

    /// <summary>HTTP/1.1 with Content-Length bodies and keep-alive; a null reply drops the connection (RST) without answering.</summary>
    private async Task ConnectionAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = new BufferedStream(client.GetStream());
                while (await ReadRequestAsync(stream).ConfigureAwait(false) is { } recorded)
                {
                    Reply? reply;
                    lock (_sessions)
                    {
                        Requests.Enqueue(recorded);
                        reply = Handle(recorded);
                    }
                    if (reply is null)
                    {
                        client.Client.LingerState = new LingerOption(true, 0);
                        return;
                    }
                    var body = Encoding.UTF8.GetBytes(reply.Body);
                    var head = new StringBuilder($"HTTP/1.1 {reply.Status} {Reason(reply.Status)}\r\nContent-Length: {body.Length}\r\n");
                    if (body.Length > 0) head.Append("Content-Type: application/json; charset=UTF-8\r\n");
                    foreach (var (name, value) in reply.Headers) head.Append(name).Append(": ").Append(value).Append("\r\n");
                    head.Append("\r\n");
                    await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString())).ConfigureAwait(false);
                    await stream.WriteAsync(body).ConfigureAwait(false);
                    await stream.FlushAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException or SocketException or ObjectDisposedException)
            {
            }
        }
    }

    private static async Task<FakeRequest?> ReadRequestAsync(Stream stream)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (!(head.Count >= 4 && head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one).ConfigureAwait(false) == 0) return null;
            head.Add(one[0]);
        }
        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var parts = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        var length = headers.TryGetValue("Content-Length", out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : 0;
        var body = new byte[length];
        await stream.ReadExactlyAsync(body).ConfigureAwait(false);
        var target = parts[1];
        var q = target.IndexOf('?', StringComparison.Ordinal);
        return new FakeRequest(parts[0], q < 0 ? target : target[..q], q < 0 ? "" : target[q..], headers, body);
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        201 => "Created",
        308 => "Resume Incomplete",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        503 => "Service Unavailable",
        _ => "Status",
    };

    private Reply? Handle(FakeRequest recorded)
    {
        if (recorded.Path == "/token" && recorded.Method == "POST")
        {
            var token = "at-" + TokenRequests.Length.ToString(CultureInfo.InvariantCulture);
            _tokens.Add(token);
            return new Reply(200, $$"""{"access_token":"{{token}}","expires_in":{{ExpiresIn}},"scope":"https://www.googleapis.com/auth/youtube.upload","token_type":"Bearer"}""");
        }
        if (recorded.Path != UploadPath && recorded.Path != VideosPath) return new Reply(404, """{"error":{"code":404,"message":"Not Found"}}""");
        var bearer = recorded.Header("Authorization");
        var known = bearer is not null && bearer.StartsWith("Bearer ", StringComparison.Ordinal) && _tokens.Contains(bearer[7..]);
        if (!known || RefuseBearer > 0)
        {
            if (RefuseBearer > 0) RefuseBearer--;
            return new Reply(401, """{"error":{"code":401,"message":"Request had invalid authentication credentials.","errors":[{"reason":"authError","message":"Invalid Credentials"}]}}""");
        }
        if (recorded.Method == "GET" && recorded.Path == VideosPath)
        {
            var id = recorded.Query.Split('&', '?').First(p => p.StartsWith("id=", StringComparison.Ordinal))[3..];
            var state = Processing.TryDequeue(out var next) ? next.Split(':') : ["processed"];
            object status = state.Length > 1 ? new { uploadStatus = state[0], rejectionReason = state[1] } : new { uploadStatus = state[0] };
            return new Reply(200, JsonSerializer.Serialize(new { kind = "youtube#videoListResponse", items = new[] { new { id, status } } }));
        }
        if (recorded.Method == "POST")
        {
            if (InsertAnswer is { } answer) return new Reply(answer.Status, answer.Body);
            var id = "s" + (_sessions.Count + 1).ToString(CultureInfo.InvariantCulture);
            _sessions[id] = new Session(long.Parse(recorded.Header("X-Upload-Content-Length")!, CultureInfo.InvariantCulture), Encoding.UTF8.GetString(recorded.Body));
            return new Reply(200, "") { Headers = { ["Location"] = $"{BaseUrl}{UploadPath}?uploadType=resumable&upload_id={id}" } };
        }
        return HandlePut(recorded);
    }

    private Reply? HandlePut(FakeRequest put)
    {
        var id = put.Query.Split('&', '?').FirstOrDefault(p => p.StartsWith("upload_id=", StringComparison.Ordinal))?["upload_id=".Length..];
        if (id is null || !_sessions.TryGetValue(id, out var session) || session.Expired)
        {
            return new Reply(404, """{"error":{"code":404,"message":"Upload session not found"}}""");
        }
        var range = put.Header("Content-Range") ?? "";
        if (session.Video is { } done) return new Reply(200, VideoJson(done, session));
        if (range.StartsWith("bytes */", StringComparison.Ordinal)) return Incomplete(session);
        var from = long.Parse(range["bytes ".Length..range.IndexOf('-', StringComparison.Ordinal)], CultureInfo.InvariantCulture);
        if (from != session.Bytes.Length)
        {
            MisplacedChunks++;
            return new Reply(400, """{"error":{"code":400,"message":"Invalid Content-Range","errors":[{"reason":"badContent"}]}}""");
        }
        var fault = Faults(_dataPuts++);
        switch (fault)
        {
            case ChunkFault.ServiceUnavailable:
                return new Reply(503, """{"error":{"code":503,"message":"Backend Error","errors":[{"reason":"backendError"}]}}""");
            case ChunkFault.DropAfterHalf:
                session.Bytes.Write(put.Body, 0, put.Body.Length / 2);
                return null;
            case ChunkFault.AcceptHalf:
                session.Bytes.Write(put.Body, 0, put.Body.Length / 2);
                return Incomplete(session);
        }
        session.Bytes.Write(put.Body);
        if (session.Bytes.Length >= session.Total)
        {
            session.Video = "vid-" + (Videos.Count + 1).ToString(CultureInfo.InvariantCulture);
            Videos.Enqueue(new FakeVideo(session.Video, id, session.Bytes.ToArray(), session.Metadata));
        }
        if (fault == ChunkFault.KeepAllThenDrop) return null;
        return session.Video is { } video ? new Reply(201, VideoJson(video, session)) : Incomplete(session);
    }

    private static Reply Incomplete(Session session)
    {
        var reply = new Reply(308, "");
        if (session.Bytes.Length > 0) reply.Headers["Range"] = $"bytes=0-{session.Bytes.Length - 1}";
        return reply;
    }

    private static string VideoJson(string id, Session session)
    {
        using var metadata = JsonDocument.Parse(session.Metadata);
        var privacy = metadata.RootElement.GetProperty("status").GetProperty("privacyStatus").GetString();
        return JsonSerializer.Serialize(new { kind = "youtube#video", id, status = new { uploadStatus = "uploaded", privacyStatus = privacy } });
    }

    private sealed record Reply(int Status, string Body)
    {
        public Dictionary<string, string> Headers { get; } = new(StringComparer.Ordinal);
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
