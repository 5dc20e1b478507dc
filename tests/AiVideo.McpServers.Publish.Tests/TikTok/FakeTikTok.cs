using System.Collections.Concurrent;
using System.Text.Json;
using AiVideo.McpServers.Publish.TikTok;
using AiVideo.Testing.Fakes;

namespace AiVideo.McpServers.Publish.Tests.TikTok;

/// <summary>
/// A stateful fake of TikTok's token endpoint and Content Posting API on <see cref="CannedHttpServer"/>: bearer tokens it
/// issued (revocable), creator info, inits that hand out publish ids and upload URLs, chunk PUTs that assemble the video,
/// and status fetches that report processing, then inbox/complete (or FAILED once all bytes arrived).
/// </summary>
internal sealed class FakeTikTok : IDisposable
{
    public const string TokenPath = "/v2/oauth/token/";
    private readonly CannedHttpServer _server = new(404, """{"error":{"code":"not_found","message":"no route"}}""");
    private readonly ConcurrentDictionary<string, Post> _posts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _tokens = new(StringComparer.Ordinal);
    private int _issued;

    public FakeTikTok() => _server.Responder = Answer;

    public string BaseUrl => _server.BaseUrl;

    public IEnumerable<RecordedRequest> Requests => _server.Requests;

    public IReadOnlyList<RecordedRequest> On(string path) => _server.Requests.Where(r => r.Path == path).ToList();

    public IReadOnlyList<RecordedRequest> Chunks => _server.Requests.Where(r => r.Method == "PUT").ToList();

    public IReadOnlyCollection<Post> Posts => _posts.Values.ToList();

    public string[] PrivacyLevelOptions { get; set; } = ["SELF_ONLY"];

    public int MaxVideoPostDurationSec { get; set; } = 600;

    /// <summary>Status fetches answered PROCESSING_UPLOAD after the last byte before the final state.</summary>
    public int ProcessingPolls { get; set; }

    public string? FailReason { get; set; }

    /// <summary>Error answers to give first on a path: (HTTP status, error.code).</summary>
    public ConcurrentDictionary<string, ConcurrentQueue<(int Status, string Code)>> Faults { get; } = new(StringComparer.Ordinal);

    /// <summary>Called when the last chunk of a video arrived (before the answer is sent).</summary>
    public Action? OnLastChunk { get; set; }

    public void Fail(string path, int status, string code, int times = 1)
    {
        var queue = Faults.GetOrAdd(path, _ => new ConcurrentQueue<(int, string)>());
        for (var i = 0; i < times; i++) queue.Enqueue((status, code));
    }

    /// <summary>Every token handed out so far stops working (answers 401 access_token_invalid).</summary>
    public void RevokeTokens()
    {
        lock (_tokens) _tokens.Clear();
    }

    /// <summary>The next token refresh is refused (the refresh token was revoked).</summary>
    public bool RefuseRefresh { get; set; }

    public void Dispose() => _server.Dispose();

    private CannedResponse Answer(RecordedRequest request)
    {
        if (request.Path == TokenPath)
        {
            if (RefuseRefresh) return CannedResponse.Text(400, """{"error":"invalid_grant","error_description":"Refresh token is invalid or expired."}""");
            var token = $"act.{Interlocked.Increment(ref _issued)}";
            lock (_tokens) _tokens.Add(token);
            return Json(200, new { access_token = token, expires_in = 86400, refresh_token = "rft.rotated", open_id = "open-1", scope = "video.upload,video.publish", token_type = "Bearer" });
        }
        if (Faults.TryGetValue(request.Path, out var faults) && faults.TryDequeue(out var fault)) return Error(fault.Status, fault.Code, $"fake {fault.Code}");
        if (request.Method == "PUT" && request.Path.StartsWith("/upload/", StringComparison.Ordinal)) return Chunk(request);
        var bearer = request.Headers.TryGetValue("Authorization", out var auth) && auth.StartsWith("Bearer ", StringComparison.Ordinal) ? auth[7..] : "";
        bool valid;
        lock (_tokens) valid = _tokens.Contains(bearer);
        if (!valid) return Error(401, "access_token_invalid", "The access token is invalid or not found in the request.");
        switch (request.Path)
        {
            case TikTokApi.CreatorInfoPath:
                return Ok(new { creator_username = "fake", privacy_level_options = PrivacyLevelOptions, max_video_post_duration_sec = MaxVideoPostDurationSec });
            case TikTokApi.DirectInitPath or TikTokApi.InboxInitPath:
            {
                using var body = JsonDocument.Parse(request.Body);
                var source = body.RootElement.GetProperty("source_info");
                if (source.GetProperty("source").GetString() != "FILE_UPLOAD") return Error(400, "invalid_params", "source");
                var id = $"v_pub_file~{_posts.Count + 1}";
                _posts[id] = new Post(id, request.Path == TikTokApi.DirectInitPath, source.GetProperty("video_size").GetInt64(), source.GetProperty("total_chunk_count").GetInt32());
                return Ok(new { publish_id = id, upload_url = $"{BaseUrl}/upload/{Uri.EscapeDataString(id)}" });
            }
            case TikTokApi.StatusPath:
            {
                using var body = JsonDocument.Parse(request.Body);
                if (!_posts.TryGetValue(body.RootElement.GetProperty("publish_id").GetString()!, out var post)) return Error(400, "invalid_params", "unknown publish_id");
                if (post.Received.Length < post.Size || post.Polls++ < ProcessingPolls) return Ok(new { status = "PROCESSING_UPLOAD", uploaded_bytes = post.Received.Length });
                if (FailReason is { } reason) return Ok(new { status = "FAILED", fail_reason = reason });
                return post.Direct
                    ? Ok(new { status = "PUBLISH_COMPLETE", publicaly_available_post_id = new[] { 7300000000000000001L } })
                    : Ok(new { status = "SEND_TO_USER_INBOX" });
            }
            default:
                return Error(404, "not_found", "no route");
        }
    }

    private CannedResponse Chunk(RecordedRequest request)
    {
        var id = Uri.UnescapeDataString(request.Path["/upload/".Length..]);
        if (!_posts.TryGetValue(id, out var post)) return Error(404, "not_found", "no upload");
        post.Received = [.. post.Received, .. request.BodyBytes];
        post.ChunksReceived++;
        if (post.Received.Length < post.Size) return CannedResponse.Text(206, "");
        OnLastChunk?.Invoke();
        return CannedResponse.Text(201, "");
    }

    private static CannedResponse Ok(object data) => Json(200, new { data, error = new { code = "ok", message = "", log_id = "log-1" } });

    private static CannedResponse Error(int status, string code, string message) =>
        Json(status, new { error = new { code, message, log_id = "log-1" } });

    private static CannedResponse Json(int status, object value) => CannedResponse.Text(status, JsonSerializer.Serialize(value), "application/json; charset=UTF-8");

    internal sealed class Post(string id, bool direct, long size, int chunkCount)
    {
        public string Id { get; } = id;

        public bool Direct { get; } = direct;

        public long Size { get; } = size;

        public int ChunkCount { get; } = chunkCount;

        public byte[] Received { get; set; } = [];

        public int ChunksReceived { get; set; }

        public int Polls { get; set; }
    }
}
