using System.Text.Json;
using AiVideo.Testing;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;

namespace AiVideo.McpServers.Voice.Tests;

/// <summary>The Voice server over stdio through the official C# MCP client, with real espeak-ng.</summary>
public class VoiceServerTests : IAsyncLifetime
{
    private const string Text = "Honey never spoils. Archaeologists found edible honey in Egyptian tombs.";
    private readonly TempDirectory _dir = new("aivideo-voice-server");
    private McpClient _client = null!;

    public async Task InitializeAsync() => _client = await McpServerProcess.StartAsync("aivideo-mcp-voice", _dir.Path);

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task ListTools_HasBothToolsWithInputSchemas()
    {
        var tools = await _client.ListToolsAsync();
        Assert.Equal(["check_speech", "list_voices", "synthesize_speech"], tools.Select(t => t.Name).Order());
        var synth = tools.Single(t => t.Name == "synthesize_speech");
        Assert.Equal(["text"], synth.JsonSchema.GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.True(synth.ProtocolTool.OutputSchema.HasValue);
    }

    [Fact]
    public async Task SynthesizeSpeech_WritesWavInWorkspace_WithOneTimingPerWord_RepeatIsStoredResult()
    {
        var args = new Dictionary<string, object?> { ["text"] = Text, ["outputPath"] = "runs/r1/narration.wav" };
        var first = Structured(await _client.CallToolAsync("synthesize_speech", args));
        Assert.Equal("runs/r1/narration.wav", first.GetProperty("audioPath").GetString());
        Assert.True(File.Exists(Path.Combine(_dir.Path, "runs", "r1", "narration.wav")));
        Assert.Equal(Text.Split(' ').Length, first.GetProperty("words").GetArrayLength());
        Assert.InRange(first.GetProperty("durationSec").GetDouble(), 2, 10);

        var second = Structured(await _client.CallToolAsync("synthesize_speech", args));
        Assert.True(second.GetProperty("reused").GetBoolean());
        Assert.Equal(first.GetProperty("words").GetRawText(), second.GetProperty("words").GetRawText());
    }

    [Fact]
    public async Task SynthesizeSpeech_FreshServerProcesses_GiveIdenticalTimings()
    {
        using var other = new TempDirectory("aivideo-voice-server2");
        await using var second = await McpServerProcess.StartAsync("aivideo-mcp-voice", other.Path);
        var args = new Dictionary<string, object?> { ["text"] = Text, ["rate"] = 180 };
        var a = Structured(await _client.CallToolAsync("synthesize_speech", args));
        var b = Structured(await second.CallToolAsync("synthesize_speech", args));
        Assert.Equal(a.GetProperty("words").GetRawText(), b.GetProperty("words").GetRawText());
        Assert.Equal(File.ReadAllBytes(Path.Combine(_dir.Path, a.GetProperty("audioPath").GetString()!)),
                     File.ReadAllBytes(Path.Combine(other.Path, b.GetProperty("audioPath").GetString()!)));
    }

    [Fact]
    public async Task ListVoices_FiltersByLanguage()
    {
        var result = await _client.CallToolAsync("list_voices", new Dictionary<string, object?> { ["language"] = "en" });
        var json = JsonSerializer.SerializeToElement(result.StructuredContent);
        var voices = json.ValueKind == JsonValueKind.Array ? json : json.GetProperty("result");
        Assert.Contains(voices.EnumerateArray(), v => v.GetProperty("id").GetString() == "en-us");
        Assert.All(voices.EnumerateArray(), v => Assert.StartsWith("en", v.GetProperty("id").GetString()));
    }

    public static TheoryData<string, object?, string> InvalidArguments => new()
    {
        { "text", null, "text" },
        { "text", "   ", "text is empty" },
        { "rate", "fast", "wrong type" },
        { "rate", 5, "rate 5 must be 80..450" },
        { "voiceId", "xx-nowhere", "unknown voice 'xx-nowhere'" },
        { "outputPath", "../evil.wav", "'..'" },
        { "outputPath", "/tmp/evil.wav", "absolute" },
        { "outputPath", "voice/x.mp3", ".wav" },
    };

    [Theory]
    [MemberData(nameof(InvalidArguments))]
    public async Task SynthesizeSpeech_InvalidArgument_ToolErrorAndServerStaysUp(string name, object? value, string expected)
    {
        var args = new Dictionary<string, object?> { ["text"] = "hello there" };
        if (value is null) args.Remove(name); else args[name] = value;
        var result = await _client.CallToolAsync("synthesize_speech", args);
        Assert.True(result.IsError);
        Assert.Contains(expected, string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        Assert.False(File.Exists("/tmp/evil.wav"));

        var ok = await _client.CallToolAsync("synthesize_speech", new Dictionary<string, object?> { ["text"] = "still here" });
        Assert.NotEqual(true, ok.IsError);
    }

    [Fact]
    public async Task CheckSpeech_NarrationOfTheScript_LowWordErrorRate_OtherScript_High()
    {
        const string script = "The Moon drifts away from Earth about four centimetres every year. NASA measures it with lasers.";
        Structured(await _client.CallToolAsync("synthesize_speech", new Dictionary<string, object?> { ["text"] = script, ["outputPath"] = "asr/n.wav" }));

        var same = Structured(await _client.CallToolAsync("check_speech", new Dictionary<string, object?> { ["audioPath"] = "asr/n.wav", ["text"] = script }));
        var other = Structured(await _client.CallToolAsync("check_speech", new Dictionary<string, object?>
        {
            ["audioPath"] = "asr/n.wav",
            ["text"] = "Starch from the pasta dissolves into the water and coats every bubble so the pot foams over.",
        }));

        Assert.InRange(same.GetProperty("wordErrorRate").GetDouble(), 0, 0.35);
        Assert.Contains("nasa", same.GetProperty("transcript").GetString());
        Assert.InRange(other.GetProperty("wordErrorRate").GetDouble(), 0.6, 10);
    }

    [Fact]
    public async Task CheckSpeech_NotAudio_OneLineToolError()
    {
        File.WriteAllText(Path.Combine(_dir.Path, "notes.wav"), "not audio");
        var result = await _client.CallToolAsync("check_speech", new Dictionary<string, object?> { ["audioPath"] = "notes.wav", ["text"] = "hello" });
        Assert.True(result.IsError);
        Assert.Contains("not audio", string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
    }

    private static JsonElement Structured(CallToolResult result)
    {
        Assert.True(result.IsError != true, string.Join(" ", result.Content.OfType<TextContentBlock>().Select(t => t.Text)));
        return JsonSerializer.SerializeToElement(result.StructuredContent);
    }
}
