using AiVideo.Testing.Fakes;

namespace AiVideo.McpServers.Render.Tests.Generative;

/// <summary>
/// The Gemini API's Veo flow on loopback: predictLongRunning → {name}; GET v1beta/{name} answers done:false
/// <see cref="PendingPolls"/> times, then done with the generated sample (a files/…:download URI on the same host) or,
/// for the first <see cref="FailedOperations"/> operations, done with an error.
/// </summary>
public sealed class FakeVeoApi : IDisposable
{
    public const string Model = "veo-3.1-generate-preview";

    private readonly Dictionary<string, int> _polls = new(StringComparer.Ordinal);
    private int _operations;

    public FakeVeoApi(GenerativeTestKit kit)
    {
        Server = new CannedHttpServer(404, "{}") { Responder = request => Answer(kit, request) };
    }

    public CannedHttpServer Server { get; }

    public int PendingPolls { get; set; } = 1;

    public int FailedOperations { get; set; }

    public IEnumerable<RecordedRequest> Submits => Server.Requests.Where(r => r.Method == "POST" && r.Path.EndsWith(":predictLongRunning", StringComparison.Ordinal));

    public IEnumerable<RecordedRequest> Downloads => Server.Requests.Where(r => r.Path.StartsWith("/v1beta/files/", StringComparison.Ordinal));

    private CannedResponse Answer(GenerativeTestKit kit, RecordedRequest request)
    {
        const string operations = $"/v1beta/models/{Model}/operations/";
        if (request.Method == "POST" && request.Path == $"/v1beta/models/{Model}:predictLongRunning")
        {
            return GenerativeTestKit.Json(new { name = $"models/{Model}/operations/op-{++_operations}" });
        }
        if (request.Method == "GET" && request.Path.StartsWith(operations, StringComparison.Ordinal))
        {
            var op = request.Path[operations.Length..];
            var name = $"models/{Model}/operations/{op}";
            var poll = _polls[op] = _polls.GetValueOrDefault(op) + 1;
            if (poll <= PendingPolls) return GenerativeTestKit.Json(new { name, done = false });
            if (int.Parse(op["op-".Length..], System.Globalization.CultureInfo.InvariantCulture) <= FailedOperations)
            {
                return GenerativeTestKit.Json(new { name, done = true, error = new { code = 3, message = "The prompt could not be processed: person generation is not allowed." } });
            }
            return GenerativeTestKit.Json(new
            {
                name,
                done = true,
                response = new { generateVideoResponse = new { generatedSamples = new[] { new { video = new { uri = $"{Server.BaseUrl}/v1beta/files/{op}:download?alt=media" } } } } },
            });
        }
        if (request.Method == "GET" && request.Path.StartsWith("/v1beta/files/", StringComparison.Ordinal)) return kit.VideoFile();
        return GenerativeTestKit.Json(new { error = new { code = 404, message = "no such route" } }, 404);
    }

    public void Dispose() => Server.Dispose();
}
