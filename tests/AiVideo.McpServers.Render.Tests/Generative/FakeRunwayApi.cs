using AiVideo.Testing.Fakes;

namespace AiVideo.McpServers.Render.Tests.Generative;

/// <summary>
/// Runway's documented flow on loopback: POST image_to_video / text_to_video → {id}; GET /v1/tasks/{id} walks
/// <see cref="States"/> ("RUNNING:0.3" carries progress); DELETE cancels; the video at /signed/&lt;task&gt;.mp4, which can
/// answer 404 (expired) a number of times.
/// </summary>
public sealed class FakeRunwayApi : IDisposable
{
    private readonly Dictionary<string, int> _polls = new(StringComparer.Ordinal);
    private int _tasks;

    public FakeRunwayApi(GenerativeTestKit kit)
    {
        Server = new CannedHttpServer(404, "{}") { Responder = request => Answer(kit, request) };
    }

    public CannedHttpServer Server { get; }

    public IReadOnlyList<string> States { get; set; } = ["PENDING", "RUNNING:0.5", "SUCCEEDED"];

    /// <summary>How many download attempts answer 404 (an expired signed URL).</summary>
    public int ExpiredDownloads { get; set; }

    /// <summary>Served instead of the generated video when set (e.g. an HTML error page with status 200).</summary>
    public byte[]? VideoBytes { get; set; }

    /// <summary>Replaces the body of every poll answer (e.g. malformed JSON).</summary>
    public string? PollBody { get; set; }

    /// <summary>Called with the number of the poll (1-based) as it arrives.</summary>
    public Action<int>? OnPoll { get; set; }

    public IEnumerable<RecordedRequest> Submits => Server.Requests.Where(r => r.Method == "POST");

    public IEnumerable<RecordedRequest> Polls => Server.Requests.Where(r => r.Method == "GET" && r.Path.StartsWith("/v1/tasks/", StringComparison.Ordinal));

    public IEnumerable<RecordedRequest> Downloads => Server.Requests.Where(r => r.Path.StartsWith("/signed/", StringComparison.Ordinal));

    private CannedResponse Answer(GenerativeTestKit kit, RecordedRequest request)
    {
        if (request.Method == "POST" && request.Path is "/v1/image_to_video" or "/v1/text_to_video")
        {
            return GenerativeTestKit.Json(new { id = $"rw-task-{++_tasks}" });
        }
        if (request.Path.StartsWith("/v1/tasks/", StringComparison.Ordinal))
        {
            var id = request.Path["/v1/tasks/".Length..];
            if (request.Method == "DELETE") return CannedResponse.Text(204, "");
            var poll = _polls[id] = _polls.GetValueOrDefault(id) + 1;
            OnPoll?.Invoke(Polls.Count());
            if (PollBody is { } body) return CannedResponse.Text(200, body);
            var state = States[Math.Min(poll, States.Count) - 1].Split(':');
            return state[0] switch
            {
                "SUCCEEDED" => GenerativeTestKit.Json(new { id, status = "SUCCEEDED", output = new[] { $"{Server.BaseUrl}/signed/{id}-{poll}.mp4" } }),
                "FAILED" => GenerativeTestKit.Json(new { id, status = "FAILED", failure = "An unexpected error occurred.", failureCode = "INTERNAL" }),
                "RUNNING" => GenerativeTestKit.Json(new { id, status = "RUNNING", progress = double.Parse(state[1], System.Globalization.CultureInfo.InvariantCulture) }),
                var other => GenerativeTestKit.Json(new { id, status = other }),
            };
        }
        if (request.Path.StartsWith("/signed/", StringComparison.Ordinal))
        {
            if (ExpiredDownloads > 0)
            {
                ExpiredDownloads--;
                return CannedResponse.Text(404, "<Error><Code>NoSuchKey</Code></Error>", "application/xml");
            }
            return VideoBytes is { } bytes ? new CannedResponse(200, bytes, "video/mp4") : kit.VideoFile();
        }
        return GenerativeTestKit.Json(new { error = "no such route" }, 404);
    }

    public void Dispose() => Server.Dispose();
}
