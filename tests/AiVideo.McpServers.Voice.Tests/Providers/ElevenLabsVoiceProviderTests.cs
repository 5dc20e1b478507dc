using AiVideo.Core;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Voice.Providers;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace AiVideo.McpServers.Voice.Tests.Providers;

/// <summary>The ElevenLabs voice against a local fake of its with-timestamps endpoint.</summary>
public sealed class ElevenLabsVoiceProviderTests(ITestOutputHelper output) : IDisposable
{
    private const string Key = "xi-secret-key-123";
    private readonly TempDirectory _dir = new("aivideo-elevenlabs");
    private readonly CannedHttpServer _server = new(200, "{}");

    public void Dispose()
    {
        _server.Dispose();
        _dir.Dispose();
    }

    private ElevenLabsVoiceProvider Provider(int maxChars = 2500, string? key = Key) => new(new HttpClient(),
        new ElevenLabsOptions { ApiKey = key, BaseUrl = _server.BaseUrl, MaxCharsPerRequest = maxChars, RetryDelay = TimeSpan.Zero, MaxAttempts = 3 },
        NullLogger<ElevenLabsVoiceProvider>.Instance);

    private SpeechRequest Request(string text, VoiceTuning? tuning = null) => new(text, "voice-abc", 165, _dir.Combine("n.wav"), null, tuning);

    /// <summary>Echoes the text it was sent: original alignment over it, spoken as sent.</summary>
    private void EchoText() => _server.Handler = r =>
    {
        var text = FakeVoiceApis.Json(r.Body).GetProperty("text").GetString()!;
        return (200, FakeVoiceApis.ElevenLabsAnswer(text, text));
    };

    [Fact]
    public async Task Synthesize_SendsTheDocumentedRequest_KeyHeaderModelSeedSettingsAndPcmFormat()
    {
        EchoText();

        await Provider().SynthesizeAsync(Request("Hello there.", new VoiceTuning { Stability = 0.4, SimilarityBoost = 0.8, Style = 0.1, Speed = 1.1 }), CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal(("POST", "/v1/text-to-speech/voice-abc/with-timestamps", "?output_format=pcm_24000"), (request.Method, request.Path, request.Query));
        Assert.Equal(Key, request.Headers["xi-api-key"]);
        var body = FakeVoiceApis.Json(request.Body);
        Assert.Equal("Hello there.", body.GetProperty("text").GetString());
        Assert.Equal("eleven_multilingual_v2", body.GetProperty("model_id").GetString());
        Assert.Equal(ElevenLabsVoiceProvider.SeedFor("voice-abc"), body.GetProperty("seed").GetUInt32());
        var settings = body.GetProperty("voice_settings");
        Assert.Equal((0.4, 0.8, 0.1, 1.1), (settings.GetProperty("stability").GetDouble(), settings.GetProperty("similarity_boost").GetDouble(), settings.GetProperty("style").GetDouble(), settings.GetProperty("speed").GetDouble()));
        Assert.False(body.TryGetProperty("previous_text", out _));
    }

    [Fact]
    public async Task Synthesize_Base64PcmWithMultiByteAlignment_WritesWavAndTimesEveryScriptWordAtItsFirstCharacter()
    {
        const string text = "Café 🚀 naïve résumé works.";
        EchoText();

        var result = await Provider().SynthesizeAsync(Request(text), CancellationToken.None);

        var elements = FakeVoiceApis.TextElements(text).Count;
        Assert.Equal(24000, result.SampleRate);
        Assert.Equal(elements * FakeVoiceApis.MsPerCharacter / 1000.0, result.DurationSec, 6);
        Assert.Equal(44 + elements * FakeVoiceApis.MsPerCharacter * 24 * 2, new FileInfo(_dir.Combine("n.wav")).Length);
        Assert.Equal(["Café", "🚀", "naïve", "résumé", "works."], result.Words.Select(w => w.Word));
        var worst = result.Words.Select((w, i) => Math.Abs(w.StartMs - FakeVoiceApis.WordStartMs(text, i))).Max();
        output.WriteLine($"ElevenLabs caption-sync worst start offset vs the fake's alignment: {worst} ms");
        Assert.Equal(0, worst);
        Assert.Equal(elements * FakeVoiceApis.MsPerCharacter, result.Words[^1].EndMs);
        Assert.Equal(0.18m * text.Length / 1000m, result.CostUsd, 6);
    }

    [Fact]
    public async Task Synthesize_NumberExpandedOnlyInNormalizedAlignment_TheDigitTakesTheSpokenWordsTime()
    {
        const string spoken = "We saw three moons tonight.";
        _server.Body = FakeVoiceApis.ElevenLabsAnswer(original: null, spoken);

        var result = await Provider().SynthesizeAsync(Request("We saw 3 moons tonight."), CancellationToken.None);

        Assert.Equal(["We", "saw", "3", "moons", "tonight."], result.Words.Select(w => w.Word));
        Assert.Equal(FakeVoiceApis.WordStartMs(spoken, 2) - FakeVoiceApis.MsPerCharacter, result.Words[2].StartMs); // from the end of "saw" (the space is the gap)
        Assert.Equal(FakeVoiceApis.WordStartMs(spoken, 3), result.Words[3].StartMs);
        var worst = new[] { 0, 1, 3, 4 }.Max(i => Math.Abs(result.Words[i].StartMs - FakeVoiceApis.WordStartMs(spoken, i)));
        output.WriteLine($"ElevenLabs (normalized alignment) worst start offset of matched words: {worst} ms; '3' starts {FakeVoiceApis.WordStartMs(spoken, 2) - result.Words[2].StartMs} ms before 'three'");
        Assert.Equal(0, worst);
    }

    [Fact]
    public async Task Synthesize_LongText_ChunksAtSentenceEndsWithNeighbourText_AndStitchesWithExactOffsets()
    {
        const string text = "The moon is drifting away. It moves about four centimetres a year! Tides slow the Earth down.";
        EchoText();

        var result = await Provider(maxChars: 40).SynthesizeAsync(Request(text), CancellationToken.None);

        var bodies = _server.Requests.Select(r => FakeVoiceApis.Json(r.Body)).ToList();
        Assert.Equal(3, bodies.Count);
        Assert.Equal(["The moon is drifting away.", "It moves about four centimetres a year!", "Tides slow the Earth down."], bodies.Select(b => b.GetProperty("text").GetString()));
        Assert.Equal("The moon is drifting away.", bodies[1].GetProperty("previous_text").GetString());
        Assert.Equal("Tides slow the Earth down.", bodies[1].GetProperty("next_text").GetString());
        Assert.Equal("It moves about four centimetres a year!", bodies[0].GetProperty("next_text").GetString());
        Assert.False(bodies[2].TryGetProperty("next_text", out _));

        var firstMs = FakeVoiceApis.TextElements("The moon is drifting away.").Count * FakeVoiceApis.MsPerCharacter;
        var secondMs = FakeVoiceApis.TextElements("It moves about four centimetres a year!").Count * FakeVoiceApis.MsPerCharacter;
        Assert.Equal(17, result.Words.Count);
        Assert.Equal(("It", firstMs), (result.Words[5].Word, result.Words[5].StartMs));
        Assert.Equal(("Tides", firstMs + secondMs), (result.Words[12].Word, result.Words[12].StartMs));
        Assert.Equal((firstMs + secondMs + 26 * FakeVoiceApis.MsPerCharacter) / 1000.0, result.DurationSec, 6);
        Assert.True(result.Words.Zip(result.Words.Skip(1)).All(p => p.Second.StartMs >= p.First.EndMs));
    }

    [Fact]
    public async Task Synthesize_401_ErrorNamesTheSettingButNeverTheKey()
    {
        _server.Status = 401;
        _server.Body = """{"detail":{"status":"invalid_api_key"}}""";

        var ex = await Assert.ThrowsAsync<VoiceProviderException>(() => Provider().SynthesizeAsync(Request("Hi."), CancellationToken.None));

        Assert.Contains("Voice:ElevenLabs:ApiKey", ex.Message);
        Assert.Contains("ELEVENLABS_API_KEY", ex.Message);
        Assert.DoesNotContain(Key, ex.Message);
        Assert.Single(_server.Requests);
    }

    [Fact]
    public async Task Synthesize_429WithRetryAfterThen5xx_RetriedThenSucceeds()
    {
        var calls = 0;
        _server.Responder = r => ++calls switch
        {
            1 => CannedResponse.Text(429, """{"detail":"too_many_concurrent_requests"}""", new Dictionary<string, string> { ["Retry-After"] = "0" }),
            2 => CannedResponse.Text(503, "busy"),
            _ => CannedResponse.Text(200, FakeVoiceApis.ElevenLabsAnswer("Hi.", "Hi.")),
        };

        var result = await Provider().SynthesizeAsync(Request("Hi."), CancellationToken.None);

        Assert.Equal(3, _server.Requests.Count);
        Assert.Equal(["Hi."], result.Words.Select(w => w.Word));
    }

    [Fact]
    public async Task Synthesize_5xxEveryTime_GivesUpAfterTheBoundedAttemptsAsTransient()
    {
        _server.Status = 500;
        _server.Body = "oops";

        var ex = await Assert.ThrowsAsync<TransientProviderException>(() => Provider().SynthesizeAsync(Request("Hi."), CancellationToken.None));

        Assert.Equal(3, _server.Requests.Count);
        Assert.Contains("500", ex.Message);
    }

    [Fact]
    public async Task Synthesize_MalformedJson_ClearError()
    {
        _server.Body = "{\"audio_base64\": \"AAAA\", \"alignment\": {";

        var ex = await Assert.ThrowsAsync<VoiceProviderException>(() => Provider().SynthesizeAsync(Request("Hi."), CancellationToken.None));

        Assert.Contains("malformed JSON", ex.Message);
    }

    [Fact]
    public async Task Synthesize_NoKey_ClearErrorNamingTheSetting_NoRequest()
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() => Provider(key: null).SynthesizeAsync(Request("Hi."), CancellationToken.None));

        Assert.Contains("Voice:ElevenLabs:ApiKey", ex.Message);
        Assert.Empty(_server.Requests);
    }

    [Fact]
    public void SeedFor_IsStableAcrossCallsAndDiffersByVoice()
    {
        Assert.Equal(ElevenLabsVoiceProvider.SeedFor("voice-abc"), ElevenLabsVoiceProvider.SeedFor("voice-abc"));
        Assert.NotEqual(ElevenLabsVoiceProvider.SeedFor("voice-abc"), ElevenLabsVoiceProvider.SeedFor("voice-xyz"));
        // SHA-256 based: a fixed value, the same in every process (computed independently with Python's hashlib).
        Assert.Equal(1442048198u, ElevenLabsVoiceProvider.SeedFor("voice-abc"));
    }
}
