using System.Net.Http.Json;
using System.Text.Json;
using AiVideo.Core.Domain;

namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// Veo 3.1 through the Gemini API: <c>POST {base}/v1beta/models/{model}:predictLongRunning</c> (9:16, 4/6/8 s, the reference
/// image as an "asset" reference image, the seed when <see cref="VeoOptions.SendSeed"/>), the operation polled at
/// <c>GET {base}/v1beta/{name}</c> until <c>done</c>, the video downloaded with the key, cancelled with
/// <c>POST {base}/v1beta/{name}:cancel</c> (best effort). The key travels as <c>x-goog-api-key</c>, only to the API's own host.
/// </summary>
public sealed class VeoVideoGenerator(HttpClient http, VeoOptions options, GenerationOptions generation,
    Microsoft.Extensions.Logging.ILogger<VeoVideoGenerator> logger) : IVideoGenerator
{
    private const string KeyHeader = "x-goog-api-key";

    private readonly GenerationHttp _http = new(http, VisualSources.Veo, $"{VeoOptions.Section}:ApiKey (or {VeoOptions.ApiKeyEnvironment})", generation, logger);

    private readonly Uri _base = new(ProviderSettings.TrimSlash(options.BaseUrl) + "/");

    public string Name => VisualSources.Veo;

    public string? MissingCredentials => options.HasKey ? null
        : $"no API key: set {VeoOptions.Section}:ApiKey (AIVIDEO__RENDER__VEO__APIKEY) or {VeoOptions.ApiKeyEnvironment}";

    public IReadOnlyList<int> ClipLengths(bool withReferenceImage) => options.ClipLengths(withReferenceImage);

    public string Model(bool withReferenceImage) => options.Model;

    public decimal UsdPerSecond(bool withReferenceImage) => options.UsdPerSecond;

    public string Fingerprint => $"seed={options.SendSeed}|negative={options.NegativePrompt}";

    public async Task<string> SubmitAsync(GenerationSpec spec, CancellationToken cancellationToken)
    {
        var instance = new Dictionary<string, object> { ["prompt"] = spec.Prompt };
        if (spec.ReferenceImage is { } image)
        {
            instance["referenceImages"] = new object[]
            {
                new Dictionary<string, object>
                {
                    ["image"] = new Dictionary<string, string>
                    {
                        ["bytesBase64Encoded"] = await ReferenceImageFile.Base64Async(image, cancellationToken).ConfigureAwait(false),
                        ["mimeType"] = ReferenceImageFile.MimeType(image),
                    },
                    ["referenceType"] = "asset",
                },
            };
        }
        var parameters = new Dictionary<string, object> { ["aspectRatio"] = "9:16", ["durationSeconds"] = spec.LengthSec };
        if (options.NegativePrompt.Length > 0) parameters["negativePrompt"] = options.NegativePrompt;
        if (options.SendSeed) parameters["seed"] = unchecked((uint)spec.Seed);
        var body = new Dictionary<string, object> { ["instances"] = new[] { instance }, ["parameters"] = parameters };
        var path = $"v1beta/models/{Uri.EscapeDataString(options.Model)}:predictLongRunning";
        using var answer = await _http.SendJsonAsync(() => Authorized(HttpMethod.Post, new Uri(_base, path), JsonContent.Create(body)), cancellationToken)
            .ConfigureAwait(false);
        return JsonPath.String(answer.RootElement, "name") is { Length: > 0 } name ? name : throw new GenerationException("veo's predictLongRunning answer has no operation name");
    }

    public async Task<GenerationStatus> PollAsync(GenerationSpec spec, string taskId, CancellationToken cancellationToken)
    {
        using var answer = await _http.SendJsonAsync(() => Authorized(HttpMethod.Get, Operation(taskId, "")), cancellationToken).ConfigureAwait(false);
        var root = answer.RootElement;
        if (JsonPath.Get(root, "done") is not { ValueKind: JsonValueKind.True }) return new GenerationStatus(GenerationState.Running);
        if (JsonPath.Get(root, "error") is { } error)
        {
            return new GenerationStatus(GenerationState.Failed, Message: JsonPath.String(error, "message") ?? error.GetRawText());
        }
        var response = JsonPath.Get(root, "response", "generateVideoResponse");
        if (response is { } r && JsonPath.Url(r, "generatedSamples", 0, "video", "uri") is { } uri)
        {
            return new GenerationStatus(GenerationState.Succeeded, 1, uri);
        }
        var filtered = response is { } f && JsonPath.Get(f, "raiMediaFilteredReasons") is { ValueKind: JsonValueKind.Array } reasons
            ? string.Join("; ", reasons.EnumerateArray().Select(x => x.ToString()))
            : null;
        return new GenerationStatus(GenerationState.Failed, Message: filtered is { Length: > 0 } ? $"filtered: {filtered}" : "the finished operation has no generated video");
    }

    public Task DownloadAsync(Uri url, string path, CancellationToken cancellationToken) =>
        _http.DownloadAsync(url, path, request =>
        {
            if (IsApiHost(url)) request.Headers.Add(KeyHeader, options.ApiKey);
        }, cancellationToken);

    public async Task<bool> CancelAsync(GenerationSpec spec, string taskId, CancellationToken cancellationToken)
    {
        using var request = Authorized(HttpMethod.Post, Operation(taskId, ":cancel"), JsonContent.Create(new Dictionary<string, object>()));
        var status = (int)await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        return status is >= 200 and < 300;
    }

    /// <summary>The operation's URL; its name is the API's own ("models/…/operations/…"), path segments kept as they are.</summary>
    private Uri Operation(string name, string suffix)
    {
        if (name.Contains("..", StringComparison.Ordinal) || name.Contains('?', StringComparison.Ordinal) || name.Contains('#', StringComparison.Ordinal) || name.StartsWith('/'))
        {
            throw new GenerationException($"veo returned an unusable operation name '{name}'");
        }
        return new Uri(_base, $"v1beta/{name}{suffix}");
    }

    private bool IsApiHost(Uri url) => string.Equals(url.GetLeftPart(UriPartial.Authority), _base.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    private HttpRequestMessage Authorized(HttpMethod method, Uri url, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add(KeyHeader, options.ApiKey);
        return request;
    }
}
