using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Voice.Providers.Timing;
using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Voice.Providers;

/// <summary>
/// ElevenLabs text-to-speech with timestamps: <c>POST /v1/text-to-speech/{voice_id}/with-timestamps?output_format=pcm_…</c>
/// (<c>xi-api-key</c>; <c>text, model_id, voice_settings, seed, previous_text, next_text</c>). Long narration is sent in
/// chunks split at sentence ends, each told its neighbours' text for continuity; the PCM answers are joined and written
/// as one WAV, and each chunk's words are shifted by the exact sample offset where its audio starts. Word timings come
/// from the character <c>alignment</c> over the original text; when that does not cover the text as sent, from
/// <c>normalized_alignment</c> (numbers spelled out) aligned back onto the script's words.
/// </summary>
public sealed class ElevenLabsVoiceProvider(HttpClient http, ElevenLabsOptions options, ILogger<ElevenLabsVoiceProvider> logger) : IVoiceProvider
{
    private readonly VoiceHttp _http = new(http, options, logger);

    public string Name => VoiceProviderNames.ElevenLabs;

    public Task<IReadOnlyList<VoiceInfo>> ListVoicesAsync(CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<VoiceInfo>>([]);

    public decimal PriceUsd(SpeechRequest request) => options.PriceUsd(request.Text.Trim().Length);

    public string? ModelFor(SpeechRequest request) => request.Model ?? options.Model;

    public void EnsureConfigured()
    {
        if (!options.HasKey) throw new InvalidInputException($"the elevenlabs voice needs an API key: set {options.KeySettingHint}");
    }

    public async Task<SpeechResult> SynthesizeAsync(SpeechRequest request, CancellationToken cancellationToken)
    {
        EnsureConfigured();
        var chunks = SentenceChunker.Split(request.Text, options.MaxCharsPerRequest);
        var audio = new PcmAudio(options.SampleRate);
        var words = new List<WordTiming>();
        var seed = SeedFor(request.VoiceId);
        for (var i = 0; i < chunks.Count; i++)
        {
            var body = RequestBody(request, chunks[i], i > 0 ? chunks[i - 1] : null, i + 1 < chunks.Count ? chunks[i + 1] : null, seed);
            var answer = await _http.SendAsync(() => Build(request.VoiceId, body), cancellationToken).ConfigureAwait(false);
            var (pcm, alignment) = Parse(answer);
            var offsetMs = audio.DurationMs;
            audio.Append(pcm);
            var chunkMs = audio.DurationMs - offsetMs;
            var timed = ScriptWordAligner.Align(ScriptWordAligner.Words(chunks[i]), ChooseWords(chunks[i], alignment), chunkMs);
            words.AddRange(timed.Select(w => w with { StartMs = w.StartMs + offsetMs, EndMs = w.EndMs + offsetMs }));
            logger.LogInformation("ElevenLabs chunk {Index}/{Count}: {Chars} characters, {Ms} ms of audio", i + 1, chunks.Count, chunks[i].Length, chunkMs);
        }
        await audio.WriteWavAsync(request.OutputPath, cancellationToken).ConfigureAwait(false);
        return new SpeechResult(audio.DurationSec, audio.SampleRate, words, PriceUsd(request));
    }

    /// <summary>A stable seed per voice (SHA-256, so equal in every process), within ElevenLabs' 0..4294967294.</summary>
    public static uint SeedFor(string voiceId) =>
        BinaryPrimitives.ReadUInt32LittleEndian(SHA256.HashData(Encoding.UTF8.GetBytes(voiceId))) % 4294967295u;

    private string RequestBody(SpeechRequest request, string text, string? previous, string? next, uint seed)
    {
        var body = new JsonObject
        {
            ["text"] = text,
            ["model_id"] = ModelFor(request),
            ["seed"] = seed,
        };
        if (request.Tuning is { } t && (t.Stability ?? t.SimilarityBoost ?? t.Style ?? t.Speed) is not null)
        {
            var settings = new JsonObject();
            if (t.Stability is { } stability) settings["stability"] = stability;
            if (t.SimilarityBoost is { } similarity) settings["similarity_boost"] = similarity;
            if (t.Style is { } style) settings["style"] = style;
            if (t.Speed is { } speed) settings["speed"] = speed;
            body["voice_settings"] = settings;
        }
        if (previous is not null) body["previous_text"] = previous;
        if (next is not null) body["next_text"] = next;
        return body.ToJsonString();
    }

    private HttpRequestMessage Build(string voiceId, string body)
    {
        var url = $"{options.BaseUrl.TrimEnd('/')}/v1/text-to-speech/{Uri.EscapeDataString(voiceId)}/with-timestamps?output_format={Uri.EscapeDataString(options.OutputFormat)}";
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("xi-api-key", options.ApiKey);
        return request;
    }

    private static (byte[] Pcm, (CharacterAlignment? Original, CharacterAlignment? Normalized) Alignment) Parse(byte[] answer)
    {
        try
        {
            using var json = JsonDocument.Parse(answer);
            var root = json.RootElement;
            if (!root.TryGetProperty("audio_base64", out var audio) || audio.ValueKind != JsonValueKind.String)
            {
                throw new VoiceProviderException($"ElevenLabs answered without audio_base64: {VoiceHttp.Excerpt(answer)}");
            }
            return (Convert.FromBase64String(audio.GetString()!), (ReadAlignment(root, "alignment"), ReadAlignment(root, "normalized_alignment")));
        }
        catch (Exception ex) when (ex is JsonException or FormatException or InvalidOperationException or KeyNotFoundException)
        {
            throw new VoiceProviderException($"ElevenLabs answered with malformed JSON ({ex.Message}): {VoiceHttp.Excerpt(answer)}", ex);
        }
    }

    private static CharacterAlignment? ReadAlignment(JsonElement root, string name)
    {
        if (!root.TryGetProperty(name, out var a) || a.ValueKind != JsonValueKind.Object) return null;
        var characters = a.GetProperty("characters").EnumerateArray().Select(c => c.GetString() ?? "").ToList();
        var starts = a.GetProperty("character_start_times_seconds").EnumerateArray().Select(c => c.GetDouble()).ToList();
        var ends = a.GetProperty("character_end_times_seconds").EnumerateArray().Select(c => c.GetDouble()).ToList();
        if (starts.Count != characters.Count || ends.Count != characters.Count)
        {
            throw new VoiceProviderException($"ElevenLabs' {name} has {characters.Count} characters but {starts.Count} start and {ends.Count} end times");
        }
        return new CharacterAlignment(characters, starts, ends);
    }

    /// <summary>The original-text alignment when it covers the text as sent, else the normalised one (words aligned back onto the script).</summary>
    public static IReadOnlyList<HeardWord> ChooseWords(string text, (CharacterAlignment? Original, CharacterAlignment? Normalized) alignment)
    {
        if (alignment.Original is { } original && Squeeze(original.Text) == Squeeze(text)) return original.Words(0);
        if (alignment.Normalized is { } normalized) return normalized.Words(0);
        if (alignment.Original is { } fallback) return fallback.Words(0);
        throw new VoiceProviderException("ElevenLabs answered without alignment or normalized_alignment: word timings cannot be built");
    }

    private static string Squeeze(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
}
