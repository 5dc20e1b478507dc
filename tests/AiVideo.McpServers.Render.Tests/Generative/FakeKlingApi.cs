using AiVideo.Testing.Fakes;

namespace AiVideo.McpServers.Render.Tests.Generative;

/// <summary>
/// Kling's documented flow on loopback: submit → task id; each poll walks <see cref="States"/> (submitted → processing →
/// succeed); the video at /cdn/&lt;task&gt;.mp4. Can answer the first submits with 429 + Retry-After and fail the first tasks.
/// </summary>
public sealed class FakeKlingApi : IDisposable
{
    private readonly Dictionary<string, int> _polls = new(StringComparer.Ordinal);
    private int _tasks;

    public FakeKlingApi(GenerativeTestKit kit)
    {
        Server = new CannedHttpServer(404, "{}") { Responder = request => Answer(kit, request) };
    }

    public CannedHttpServer Server { get; }

    public IReadOnlyList<string> States { get; set; } = ["submitted", "processing", "succeed"];

    public int ConcurrencyLimitedSubmits { get; set; }

    public int FailedTasks { get; set; }

    public IEnumerable<RecordedRequest> Submits => Server.Requests.Where(r => r.Method == "POST");

    public IEnumerable<RecordedRequest> Polls => Server.Requests.Where(r => r.Method == "GET" && r.Path.StartsWith("/v1/", StringComparison.Ordinal));

    private CannedResponse Answer(GenerativeTestKit kit, RecordedRequest request)
    {
        if (request.Method == "POST" && request.Path is "/v1/videos/text2video" or "/v1/videos/image2video")
        {
            if (ConcurrencyLimitedSubmits > 0)
            {
                ConcurrencyLimitedSubmits--;
                return GenerativeTestKit.Json(new { code = 1303, message = "parallel task over resource pack limit" }, 429, new Dictionary<string, string> { ["Retry-After"] = "1" });
            }
            var id = $"kt-{++_tasks}";
            return GenerativeTestKit.Json(new { code = 0, message = "SUCCEED", request_id = "req", data = new { task_id = id, task_status = "submitted" } });
        }
        if (request.Method == "GET" && request.Path.StartsWith("/v1/videos/", StringComparison.Ordinal))
        {
            var id = request.Path[(request.Path.LastIndexOf('/') + 1)..];
            var poll = _polls[id] = _polls.GetValueOrDefault(id) + 1;
            var state = States[Math.Min(poll, States.Count) - 1];
            var number = int.Parse(id["kt-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            if (state == "succeed" && number <= FailedTasks)
            {
                return GenerativeTestKit.Json(new { code = 0, data = new { task_id = id, task_status = "failed", task_status_msg = "content policy: prompt rejected" } });
            }
            return state == "succeed"
                ? GenerativeTestKit.Json(new { code = 0, data = new { task_id = id, task_status = state, task_result = new { videos = new[] { new { id = "v", url = $"{Server.BaseUrl}/cdn/{id}.mp4", duration = "5" } } } } })
                : GenerativeTestKit.Json(new { code = 0, data = new { task_id = id, task_status = state } });
        }
        if (request.Method == "GET" && request.Path.StartsWith("/cdn/", StringComparison.Ordinal)) return kit.VideoFile();
        return GenerativeTestKit.Json(new { code = 404, message = "no such route" }, 404);
    }

    public void Dispose() => Server.Dispose();
}
