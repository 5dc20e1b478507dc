using System.Text;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Voice.Providers;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit.Abstractions;

namespace AiVideo.McpServers.Voice.Tests.Providers;

/// <summary>The OpenAI voice against a local fake of /audio/speech and /audio/transcriptions.</summary>
public sealed class OpenAiVoiceProviderTests(ITestOutputHelper output) : IDisposable
{
    private const string Key = "sk-test-secret-456";
    private readonly TempDirectory _dir = new("aivideo-openai-voice");
    private readonly CannedHttpServer _server = new(200, "{}");

    public void Dispose()
    {
        _server.Dispose();
        _dir.Dispose();
    }

    private OpenAiVoiceProvider Provider(int maxChars = 4096) => new(new HttpClient(),
        new OpenAiVoiceOptions { ApiKey = Key, BaseUrl = _server.BaseUrl + "/v1", MaxCharsPerRequest = maxChars, RetryDelay = TimeSpan.Zero, MaxAttempts = 2 },
        NullLogger<OpenAiVoiceProvider>.Instance);

    private void Serve(int speechMsPerRequest, string whisper) => _server.Responder = r => r.Path switch
    {
        "/v1/audio/speech" => new CannedResponse(200, FakeVoiceApis.Wav(speechMsPerRequest), "audio/wav"),
        "/v1/audio/transcriptions" => CannedResponse.Text(200, whisper),
        _ => CannedResponse.Text(404, "{}"),
    };

    [Fact]
    public async Task Synthesize_SpeechThenWhisperWords_WithAnInsertedAndADroppedWord_EveryScriptWordAlignedInsideTheAudio()
    {
        const string script = "Honey never spoils in sealed jars.";
        // Whisper hears an inserted "uh" and drops "in".
        var heard = new[] { ("Honey", 0.10, 0.40), ("uh", 0.40, 0.55), ("never", 0.60, 0.90), ("spoils", 0.95, 1.30), ("sealed", 1.50, 1.90), ("jars", 1.95, 2.30) };
        Serve(2500, FakeVoiceApis.WhisperAnswer(heard));

        var result = await Provider().SynthesizeAsync(new SpeechRequest(script, "alloy", 165, _dir.Combine("n.wav"), null, new VoiceTuning { Instructions = "Calm and warm.", Speed = 1.1 }), CancellationToken.None);

        Assert.Equal(["Honey", "never", "spoils", "in", "sealed", "jars."], result.Words.Select(w => w.Word));
        Assert.Equal((24000, 2.5), (result.SampleRate, result.DurationSec));
        Assert.All(result.Words, w => Assert.InRange(w.EndMs, w.StartMs, 2500));
        Assert.Equal([100, 600, 950, 1300, 1500, 1950], result.Words.Select(w => w.StartMs));
        var matched = new[] { (0, 0), (1, 2), (2, 3), (4, 4), (5, 5) };
        var worst = matched.Max(m => Math.Abs(result.Words[m.Item1].StartMs - (int)Math.Round(heard[m.Item2].Item2 * 1000)));
        output.WriteLine($"OpenAI caption-sync worst start offset of matched words vs the fake's whisper words: {worst} ms; dropped 'in' placed {result.Words[3].StartMs}..{result.Words[3].EndMs} ms");
        Assert.Equal(0, worst);

        var requests = _server.Requests.ToList();
        Assert.Equal(["/v1/audio/speech", "/v1/audio/transcriptions"], requests.Select(r => r.Path));
        Assert.All(requests, r => Assert.Equal($"Bearer {Key}", r.Headers["Authorization"]));
        var speech = FakeVoiceApis.Json(requests[0].Body);
        Assert.Equal(("gpt-4o-mini-tts", "alloy", script, "wav", "Calm and warm.", 1.1),
            (speech.GetProperty("model").GetString(), speech.GetProperty("voice").GetString(), speech.GetProperty("input").GetString(),
             speech.GetProperty("response_format").GetString(), speech.GetProperty("instructions").GetString(), speech.GetProperty("speed").GetDouble()));
        var form = Encoding.Latin1.GetString(requests[1].BodyBytes);
        Assert.StartsWith("multipart/form-data", requests[1].Headers["Content-Type"]);
        Assert.Contains("name=model\r\n\r\nwhisper-1", form.Replace("\"", ""));
        Assert.Contains("name=response_format\r\n\r\nverbose_json", form.Replace("\"", ""));
        Assert.Contains("name=timestamp_granularities[]\r\n\r\nword", form.Replace("\"", ""));
        Assert.Contains("filename=narration.wav", form.Replace("\"", ""));
        Assert.Contains("RIFF", form);
    }

    [Fact]
    public async Task Synthesize_TextOverTheInputLimit_SplitAcrossSpeechRequests_AudioJoinedAndTranscribedOnce()
    {
        const string script = "First sentence here. Second sentence there.";
        Serve(1000, FakeVoiceApis.WhisperAnswer(("First", 0.1, 0.3), ("sentence", 0.3, 0.6), ("here", 0.6, 0.9), ("Second", 1.1, 1.3), ("sentence", 1.3, 1.6), ("there", 1.6, 1.9)));

        var result = await Provider(maxChars: 25).SynthesizeAsync(new SpeechRequest(script, "alloy", 165, _dir.Combine("n.wav")), CancellationToken.None);

        var inputs = _server.Requests.Where(r => r.Path.EndsWith("speech", StringComparison.Ordinal)).Select(r => FakeVoiceApis.Json(r.Body).GetProperty("input").GetString()).ToList();
        Assert.Equal(["First sentence here.", "Second sentence there."], inputs);
        Assert.Single(_server.Requests, r => r.Path.EndsWith("transcriptions", StringComparison.Ordinal));
        Assert.Equal(2.0, result.DurationSec);
        Assert.Equal(1100, result.Words[3].StartMs);
    }

    [Fact]
    public async Task Synthesize_401_ErrorNamesTheSettingButNeverTheKey()
    {
        _server.Status = 401;
        _server.Body = """{"error":{"message":"Incorrect API key provided"}}""";

        var ex = await Assert.ThrowsAsync<VoiceProviderException>(() => Provider().SynthesizeAsync(new SpeechRequest("Hi.", "alloy", 165, _dir.Combine("n.wav")), CancellationToken.None));

        Assert.Contains("Voice:OpenAI:ApiKey", ex.Message);
        Assert.Contains("OPENAI_API_KEY", ex.Message);
        Assert.DoesNotContain(Key, ex.Message);
    }

    [Fact]
    public async Task Synthesize_TranscriptionWithoutWords_ClearErrorNamingTheTranscribeModel()
    {
        Serve(500, """{"text":"Hi."}""");

        var ex = await Assert.ThrowsAsync<VoiceProviderException>(() => Provider().SynthesizeAsync(new SpeechRequest("Hi.", "alloy", 165, _dir.Combine("n.wav")), CancellationToken.None));

        Assert.Contains("Voice:OpenAI:TranscribeModel", ex.Message);
    }
}
