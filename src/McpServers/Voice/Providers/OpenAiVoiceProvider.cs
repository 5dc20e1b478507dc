using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Voice.Providers.Timing;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Voice.Providers;

/// <summary>
/// OpenAI speech: <c>POST /audio/speech</c> (<c>model, voice, input ≤ 4096 characters (longer narration split at
/// sentence ends), response_format: wav, instructions?, speed?</c>), which returns no timings; the joined audio is then
/// transcribed by <c>POST /audio/transcriptions</c> (<c>whisper-1</c>, <c>verbose_json</c>, word granularity) and the
/// transcript's word times are aligned back onto the script's words (<see cref="ScriptWordAligner"/>).
/// </summary>
public sealed class OpenAiVoiceProvider(HttpClient http, OpenAiVoiceOptions options, ILogger<OpenAiVoiceProvider> logger) : IVoiceProvider
{
    /// <summary>The transcription endpoint's upload limit.</summary>
    public const long MaxUploadBytes = 25L * 1024 * 1024;

    private readonly VoiceHttp _http = new(http, options, logger);

    public string Name => VoiceProviderNames.OpenAi;

    public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<VoiceInfo>>([]);

    public decimal PriceUsd(SpeechRequest request) => options.PriceUsd(request.Text.Trim().Length);

    public string? ModelFor(SpeechRequest request) => request.Model ?? options.Model;

    public void EnsureConfigured()
    {
        if (!options.HasKey) throw new InvalidInputException($"the openai voice needs an API key: set {options.KeySettingHint}");
    }

    public async Task<SpeechResult> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        EnsureConfigured();
        PcmAudio? audio = null;
        var chunks = SentenceChunker.Split(request.Text, options.MaxCharsPerRequest);
        foreach (var chunk in chunks)
        {
            var body = SpeechBody(request, chunk);
            var wav = await _http.SendAsync(() => Authorized(new HttpRequestMessage(HttpMethod.Post, Url("audio/speech")) { Content = new StringContent(body, Encoding.UTF8, "application/json") }), cancellationToken).ConfigureAwait(false);
            var (rate, pcm) = PcmAudio.ReadWav(wav, "OpenAI /audio/speech");
            audio ??= new PcmAudio(rate);
            if (rate != audio.SampleRate) throw new VoiceProviderException($"OpenAI answered chunks at different sample rates ({audio.SampleRate} and {rate} Hz)");
            audio.Append(pcm);
        }
        await audio!.WriteWavAsync(request.OutputPath, cancellationToken).ConfigureAwait(false);
        var heard = await TranscribeAsync(request.OutputPath, cancellationToken).ConfigureAwait(false);
        var words = ScriptWordAligner.Align(ScriptWordAligner.Words(request.Text), heard, audio.DurationMs);
        logger.LogInformation("OpenAI speech: {Chunks} request(s), {Ms} ms, {Heard} transcribed words for {Words} script words", chunks.Count, audio.DurationMs, heard.Count, words.Count);
        return new SpeechResult(audio.DurationSec, audio.SampleRate, words, PriceUsd(request));
    }

    private string SpeechBody(SpeechRequest request, string chunk)
    {
        var body = new JsonObject
        {
            ["model"] = ModelFor(request),
            ["voice"] = request.VoiceId,
            ["input"] = chunk,
            ["response_format"] = "wav",
        };
        if (request.Tuning?.Instructions is { Length: > 0 } instructions) body["instructions"] = instructions;
        if (request.Tuning?.Speed is { } speed) body["speed"] = speed;
        return body.ToJsonString();
    }

    private async Task<IReadOnlyList<HeardWord>> TranscribeAsync(string wavPath, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(wavPath, cancellationToken).ConfigureAwait(false);
        if (bytes.Length > MaxUploadBytes) throw new VoiceProviderException($"the narration is {bytes.Length / 1048576.0:0.0} MB; OpenAI transcribes at most 25 MB for word timings (shorten the script)");
        var answer = await _http.SendAsync(() =>
        {
            var form = new MultipartFormDataContent();
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue("audio/wav");
            form.Add(file, "file", "narration.wav");
            form.Add(new StringContent(options.TranscribeModel), "model");
            form.Add(new StringContent("verbose_json"), "response_format");
            form.Add(new StringContent("word"), "timestamp_granularities[]");
            return Authorized(new HttpRequestMessage(HttpMethod.Post, Url("audio/transcriptions")) { Content = form });
        }, cancellationToken).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(answer);
            if (!json.RootElement.TryGetProperty("words", out var words) || words.ValueKind != JsonValueKind.Array)
            {
                throw new VoiceProviderException($"OpenAI's transcription has no word timestamps (Voice:OpenAI:TranscribeModel '{options.TranscribeModel}' must support them, e.g. whisper-1)");
            }
            return words.EnumerateArray().Select(w => new HeardWord(
                w.GetProperty("word").GetString() ?? "",
                (int)Math.Round(w.GetProperty("start").GetDouble() * 1000),
                (int)Math.Round(w.GetProperty("end").GetDouble() * 1000))).ToList();
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException or KeyNotFoundException)
        {
            throw new VoiceProviderException($"OpenAI's transcription answer is malformed JSON ({ex.Message}): {VoiceHttp.Excerpt(answer)}", ex);
        }
    }

    private string Url(string path) => $"{options.BaseUrl.TrimEnd('/')}/{path}";

    private HttpRequestMessage Authorized(HttpRequestMessage request)
    {
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
        return request;
    }
}
