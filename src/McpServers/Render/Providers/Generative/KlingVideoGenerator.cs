using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using AiVideo.Core.Domain;

namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// Kling: <c>POST /v1/videos/text2video</c>, or <c>/v1/videos/image2video</c> with the reference image (base64), polled at
/// <c>GET /v1/videos/{type}/{task_id}</c> (<c>submitted → processing → succeed | failed</c>). 5 or 10 s clips, 9:16, no seed
/// in the API. Every request carries a fresh JWT (<see cref="KlingJwt"/>). Kling has no cancel endpoint.
/// </summary>
public sealed class KlingVideoGenerator(HttpClient http, KlingOptions options, GenerationOptions generation, TimeProvider clock,
    Microsoft.Extensions.Logging.ILogger<KlingVideoGenerator> logger) : IVideoGenerator
{
    private static readonly IReadOnlyList<int> Lengths = [5, 10];

    private readonly GenerationHttp _http = new(http, VisualSources.Kling,
        $"{KlingOptions.Section}:AccessKey and :SecretKey (or {KlingOptions.AccessKeyEnvironment}/{KlingOptions.SecretKeyEnvironment})", generation, logger);

    private readonly string _base = ProviderSettings.TrimSlash(options.BaseUrl);

    public string Name => VisualSources.Kling;

    public string? MissingCredentials => options.HasKeys ? null
        : $"no API key: set {KlingOptions.Section}:AccessKey and :SecretKey (AIVIDEO__RENDER__KLING__ACCESSKEY/__SECRETKEY) or {KlingOptions.AccessKeyEnvironment}/{KlingOptions.SecretKeyEnvironment}";

    public IReadOnlyList<int> ClipLengths(bool withReferenceImage) => Lengths;

    public string Model(bool withReferenceImage) => options.Model;

    public decimal UsdPerSecond(bool withReferenceImage) => options.UsdPerSecond;

    public string Fingerprint => $"mode={options.Mode}|negative={options.NegativePrompt}";

    private static string Kind(GenerationSpec spec) => spec.HasReference ? "image2video" : "text2video";

    public async Task<string> SubmitAsync(GenerationSpec spec, CancellationToken cancellationToken)
    {
        var body = new Dictionary<string, object>
        {
            ["model_name"] = options.Model,
            ["prompt"] = spec.Prompt,
            ["duration"] = spec.LengthSec.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["mode"] = options.Mode,
            ["aspect_ratio"] = "9:16",
            ["external_task_id"] = spec.Hash,
        };
        if (options.NegativePrompt.Length > 0) body["negative_prompt"] = options.NegativePrompt;
        if (spec.ReferenceImage is { } image) body["image"] = await ReferenceImageFile.Base64Async(image, cancellationToken).ConfigureAwait(false);
        using var answer = await _http.SendJsonAsync(() => Authorized(HttpMethod.Post, $"/v1/videos/{Kind(spec)}", JsonContent.Create(body)), cancellationToken)
            .ConfigureAwait(false);
        var data = Data(answer, "submit");
        return JsonPath.String(data, "task_id") is { Length: > 0 } taskId ? taskId : throw new GenerationException("kling's submit answer has no data.task_id");
    }

    public async Task<GenerationStatus> PollAsync(GenerationSpec spec, string taskId, CancellationToken cancellationToken)
    {
        using var answer = await _http.SendJsonAsync(() => Authorized(HttpMethod.Get, $"/v1/videos/{Kind(spec)}/{Uri.EscapeDataString(taskId)}"), cancellationToken)
            .ConfigureAwait(false);
        var data = Data(answer, "task query");
        var status = JsonPath.String(data, "task_status");
        var message = JsonPath.String(data, "task_status_msg");
        return status switch
        {
            "submitted" => new GenerationStatus(GenerationState.Pending),
            "processing" => new GenerationStatus(GenerationState.Running),
            "succeed" => new GenerationStatus(GenerationState.Succeeded, 1, VideoUrl(data)),
            "failed" => new GenerationStatus(GenerationState.Failed, Message: message ?? "no reason given"),
            _ => throw new GenerationException($"kling answered an unknown task_status '{status}' for task {taskId}"),
        };
    }

    public Task DownloadAsync(Uri url, string path, CancellationToken cancellationToken) =>
        _http.DownloadAsync(url, path, authorize: null, cancellationToken); // a CDN URL: no token sent along

    /// <summary>Kling's API has no cancellation: the task runs on; its job stays recorded so a later call collects it.</summary>
    public Task<bool> CancelAsync(GenerationSpec spec, string taskId, CancellationToken cancellationToken) => Task.FromResult(false);

    private HttpRequestMessage Authorized(HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, new Uri(_base + path)) { Content = content };
        var token = KlingJwt.Create(options.AccessKey!, options.SecretKey!, clock.GetUtcNow());
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>Kling wraps answers as {code, message, data}; a non-zero code is an error even with HTTP 200.</summary>
    private static JsonElement Data(JsonDocument answer, string what)
    {
        var root = answer.RootElement;
        if (root.ValueKind != JsonValueKind.Object) throw new GenerationException($"kling's {what} answer is not a JSON object");
        if (root.TryGetProperty("code", out var code) && code.ValueKind == JsonValueKind.Number && code.GetInt32() != 0)
        {
            var message = JsonPath.String(root, "message") ?? "no message";
            throw new GenerationException($"kling refused the {what} (code {code.GetInt32()}): {message}");
        }
        return JsonPath.Get(root, "data") is { ValueKind: JsonValueKind.Object } data
            ? data
            : throw new GenerationException($"kling's {what} answer has no data object");
    }

    private static Uri VideoUrl(JsonElement data) =>
        JsonPath.Url(data, "task_result", "videos", 0, "url") ?? throw new GenerationException("kling's finished task has no data.task_result.videos[0].url");
}
