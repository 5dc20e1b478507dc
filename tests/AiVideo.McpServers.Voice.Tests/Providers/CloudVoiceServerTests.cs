using System.Text.Json;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiVideo.McpServers.Voice.Tests.Providers;

/// <summary>synthesize_speech with cloud voices, the Voice server over stdio, the providers answered by a local fake.</summary>
public sealed class CloudVoiceServerTests : IAsyncLifetime
{
    private const string Text = "Honey never spoils. Archaeologists found 3 jars.";
    private readonly TempDirectory _dir = new("aivideo-cloud-voice-server");
    private readonly CannedHttpServer _fake = new(200, "{}");
    private McpClient _client = null!;

    public async Task InitializeAsync()
    {
        _fake.Handler = r =>
        {
            var text = FakeVoiceApis.Json(r.Body).GetProperty("text").GetString()!;
            return (200, FakeVoiceApis.ElevenLabsAnswer(text, text));
        };
        _client = await McpServerProcess.StartAsync("aivideo-mcp-voice", _dir.Path, new Dictionary<string, string?>
        {
            ["AIVIDEO__VOICE__ELEVENLABS__BASEURL"] = _fake.BaseUrl,
            ["AIVIDEO__VOICE__ELEVENLABS__APIKEY"] = "xi-test-key",
            ["AIVIDEO__VOICE__ELEVENLABS__USDPER1KCHARS"] = "0.30",
            ["AIVIDEO__VOICE__OPENAI__APIKEY"] = "",
            ["OPENAI_API_KEY"] = "",
        });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _fake.Dispose();
        _dir.Dispose();
    }

    private static Dictionary<string, object?> ElevenLabs(bool dryRun = false) => new()
    {
        ["text"] = Text, ["voiceId"] = "voice-abc", ["provider"] = "elevenlabs", ["stability"] = 0.5, ["outputPath"] = "runs/r1/narration.wav", ["dryRun"] = dryRun,
    };

    [Fact]
    public async Task SynthesizeSpeech_ElevenLabs_DryRunQuotesTheCharacters_RealCallCostsTheSame_RepeatIsReusedWithoutHttp()
    {
        var quote = Structured(await _client.CallToolAsync("synthesize_speech", ElevenLabs(dryRun: true)));
        Assert.Empty(_fake.Requests);
        Assert.True(quote.GetProperty("dryRun").GetBoolean());
        var price = Math.Round(Text.Length * 0.30m / 1000m, 6);
        Assert.Equal(price, quote.GetProperty("costUsd").GetDecimal());
        Assert.False(File.Exists(Path.Combine(_dir.Path, "runs/r1/narration.wav")));

        var made = Structured(await _client.CallToolAsync("synthesize_speech", ElevenLabs()));
        Assert.Single(_fake.Requests);
        Assert.Equal(("elevenlabs", "eleven_multilingual_v2", 24000, price, false), (made.GetProperty("provider").GetString(), made.GetProperty("model").GetString(),
            made.GetProperty("sampleRate").GetInt32(), made.GetProperty("costUsd").GetDecimal(), made.GetProperty("reused").GetBoolean()));
        Assert.Equal(Text.Split(' ').Length, made.GetProperty("words").GetArrayLength());
        Assert.True(File.Exists(Path.Combine(_dir.Path, "runs/r1/narration.wav")));

        var again = Structured(await _client.CallToolAsync("synthesize_speech", ElevenLabs()));
        var requote = Structured(await _client.CallToolAsync("synthesize_speech", ElevenLabs(dryRun: true)));
        Assert.Single(_fake.Requests);
        Assert.Equal((true, 0m), (again.GetProperty("reused").GetBoolean(), again.GetProperty("costUsd").GetDecimal()));
        Assert.Equal((true, 0m), (requote.GetProperty("reused").GetBoolean(), requote.GetProperty("costUsd").GetDecimal()));

        var changed = ElevenLabs(dryRun: true);
        changed["stability"] = 0.6;
        Assert.Equal(price, Structured(await _client.CallToolAsync("synthesize_speech", changed)).GetProperty("costUsd").GetDecimal());
    }

    [Fact]
    public async Task SynthesizeSpeech_Espeak_DryRunIsFree()
    {
        var quote = Structured(await _client.CallToolAsync("synthesize_speech", new Dictionary<string, object?> { ["text"] = Text, ["dryRun"] = true }));

        Assert.Equal(("espeak", 0m, true), (quote.GetProperty("provider").GetString(), quote.GetProperty("costUsd").GetDecimal(), quote.GetProperty("dryRun").GetBoolean()));
    }

    [Theory]
    [InlineData("openai", null, "Voice:OpenAI:ApiKey")]
    [InlineData("azure", null, "provider 'azure' is unknown")]
    [InlineData("openai", "stability", "settings.stability applies to ElevenLabs voices only")]
    [InlineData("elevenlabs", "instructions", "settings.instructions applies to OpenAI voices only")]
    public async Task SynthesizeSpeech_CloudVoiceMisconfigured_ToolErrorSaysWhatToFix(string provider, string? extra, string expected)
    {
        var args = new Dictionary<string, object?> { ["text"] = Text, ["voiceId"] = "alloy", ["provider"] = provider, ["dryRun"] = true };
        if (extra == "stability") args["stability"] = 0.5;
        if (extra == "instructions") args["instructions"] = "calm";

        var result = await _client.CallToolAsync("synthesize_speech", args);

        Assert.True(result.IsError);
        Assert.Contains(expected, string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        Assert.Empty(_fake.Requests);
    }

    private static JsonElement Structured(CallToolResult result)
    {
        Assert.True(result.IsError != true, string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }
}
