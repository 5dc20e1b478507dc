using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AiVideo.Core.Domain;

namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// Runway: with a reference image <c>POST /v1/image_to_video</c> (image model, default gen4_turbo: <c>promptImage</c> as a
/// data URI), without one <c>POST /v1/text_to_video</c> (text model, default gen4.5); <c>ratio</c> 720:1280, the seed on
/// every call. Polled at <c>GET /v1/tasks/{id}</c> (PENDING | THROTTLED | RUNNING with progress | SUCCEEDED | FAILED |
/// CANCELLED), cancelled with <c>DELETE /v1/tasks/{id}</c>. Every request carries the bearer key and X-Runway-Version.
/// </summary>
public sealed class RunwayVideoGenerator(HttpClient http, RunwayOptions options, GenerationOptions generation,
    Microsoft.Extensions.Logging.ILogger<RunwayVideoGenerator> logger) : IVideoGenerator
{
    private readonly GenerationHttp _http = new(http, VisualSources.Runway, $"{RunwayOptions.Section}:ApiKey (or {RunwayOptions.ApiKeyEnvironment})", generation, logger);

    private readonly string _base = ProviderSettings.TrimSlash(options.BaseUrl);

    public string Name => VisualSources.Runway;

    public string? MissingCredentials => options.HasKey ? null
        : $"no API key: set {RunwayOptions.Section}:ApiKey (AIVIDEO__RENDER__RUNWAY__APIKEY) or {RunwayOptions.ApiKeyEnvironment}";

    public IReadOnlyList<int> ClipLengths(bool withReferenceImage) => options.ClipLengths;

    public string Model(bool withReferenceImage) => withReferenceImage ? options.ImageModel : options.TextModel;

    public decimal UsdPerSecond(bool withReferenceImage) => withReferenceImage ? options.UsdPerSecondImage : options.UsdPerSecondText;

    public string Fingerprint => $"ratio={options.Ratio}|version={options.Version}";

    /// <summary>Runway seeds are 0..4294967295: the channel's (signed) seed is taken as its unsigned bits.</summary>
    public static uint Seed(int seed) => unchecked((uint)seed);

    public async Task<string> SubmitAsync(GenerationSpec spec, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            ["model"] = Model(spec.HasReference),
            ["promptText"] = spec.Prompt,
            ["ratio"] = options.Ratio,
            ["duration"] = spec.LengthSec,
            ["seed"] = Seed(spec.Seed),
        };
        if (spec.ReferenceImage is { } image) body["promptImage"] = await ReferenceImageFile.DataUriAsync(image, cancellationToken).ConfigureAwait(false);
        var path = spec.HasReference ? "/v1/image_to_video" : "/v1/text_to_video";
        using var answer = await _http.SendJsonAsync(() => Authorized(HttpMethod.Post, path, JsonContent.Create(body)), cancellationToken).ConfigureAwait(false);
        return JsonPath.String(answer.RootElement, "id") is { Length: > 0 } id ? id : throw new GenerationException($"runway's answer to POST {path} has no task id");
    }

    public async Task<GenerationStatus> PollAsync(GenerationSpec spec, string taskId, CancellationToken cancellationToken)
    {
        using var answer = await _http.SendJsonAsync(() => Authorized(HttpMethod.Get, $"/v1/tasks/{Uri.EscapeDataString(taskId)}"), cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        var status = JsonPath.String(root, "status");
        double? progress = JsonPath.Get(root, "progress") is { ValueKind: JsonValueKind.Number } p ? Math.Clamp(p.GetDouble(), 0, 1) : null;
        return status switch
        {
            "PENDING" or "THROTTLED" => new GenerationStatus(GenerationState.Pending, progress ?? 0),
            "RUNNING" => new GenerationStatus(GenerationState.Running, progress),
            "SUCCEEDED" => new GenerationStatus(GenerationState.Succeeded, 1,
                JsonPath.Url(root, "output", 0) ?? throw new GenerationException($"runway's finished task {taskId} has no output[0] URL")),
            "FAILED" => new GenerationStatus(GenerationState.Failed, Message: JsonPath.String(root, "failure") ?? JsonPath.String(root, "failureCode") ?? "no reason given"),
            "CANCELLED" => new GenerationStatus(GenerationState.Failed, Message: "the task was cancelled at Runway"),
            _ => throw new GenerationException($"runway answered an unknown task status '{status}' for task {taskId}"),
        };
    }

    public Task DownloadAsync(Uri url, string path, CancellationToken cancellationToken) =>
        _http.DownloadAsync(url, path, authorize: null, cancellationToken); // a signed URL: no key sent along

    public async Task<bool> CancelAsync(GenerationSpec spec, string taskId, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Delete, $"/v1/tasks/{Uri.EscapeDataString(taskId)}");
        var status = (int)await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return status is >= 200 and < 300;
    }

    private HttpRequestMessage Authorized(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_base + path)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        request.Headers.Add("X-Runway-Version", options.Version);
        return request;
    }
}
