using AiVideo.Core;
using AiVideo.Core.Channels;
using AiVideo.Core.Providers;

namespace AiVideo.Core.Tests.Domain;

public sealed class ChannelVoiceTests
{
    private static string Channel(string voice) => $$"""{ "id": "c", "name": "C", "niche": "space", "voice": {{voice}} }""";

    [Fact]
    public void Parse_NoVoice_IsEspeakWithoutModelOrSettings()
    {
        var voice = new ChannelProfileLoader().Parse("""{ "id": "c", "name": "C", "niche": "space" }""").Voice;

        Assert.Equal(("espeak", "en-us", null, null), (voice.Provider, voice.Id, voice.Model, voice.Settings));
    }

    [Fact]
    public void Parse_ElevenLabsVoice_ReadsIdModelAndSettings()
    {
        var voice = new ChannelProfileLoader().Parse(Channel("""
            { "provider": "elevenlabs", "id": "21m00Tcm4TlvDq8ikWAM", "model": "eleven_turbo_v2_5",
              "settings": { "stability": 0.45, "similarityBoost": 0.8, "style": 0.1, "speed": 1.05 } }
            """)).Voice;

        Assert.Equal(("elevenlabs", "21m00Tcm4TlvDq8ikWAM", "eleven_turbo_v2_5"), (voice.Provider, voice.Id, voice.Model));
        Assert.Equal(new VoiceTuning { Stability = 0.45, SimilarityBoost = 0.8, Style = 0.1, Speed = 1.05 }, voice.Settings);
    }

    [Fact]
    public void Parse_OpenAiVoiceWithInstructions_IsAccepted()
    {
        var voice = new ChannelProfileLoader().Parse(Channel("""{ "provider": "openai", "id": "alloy", "settings": { "instructions": "Warm, unhurried.", "speed": 1.2 } }""")).Voice;

        Assert.Equal(("openai", "Warm, unhurried.", 1.2), (voice.Provider, voice.Settings!.Instructions, voice.Settings.Speed));
    }

    [Theory]
    [InlineData("""{ "provider": "azure" }""", "voice.provider 'azure' is unknown (known: espeak, elevenlabs, openai)")]
    [InlineData("""{ "provider": "espeak", "model": "x" }""", "voice.model applies to cloud voices only")]
    [InlineData("""{ "provider": "openai", "id": "alloy", "settings": { "stability": 0.5 } }""", "voice.settings.stability applies to ElevenLabs voices only")]
    [InlineData("""{ "provider": "elevenlabs", "id": "v", "settings": { "instructions": "calm" } }""", "voice.settings.instructions applies to OpenAI voices only")]
    [InlineData("""{ "provider": "elevenlabs", "id": "v", "settings": { "speed": 2 } }""", "voice.settings.speed 2 must be 0.7..1.2")]
    [InlineData("""{ "provider": "elevenlabs", "id": "v", "settings": { "similarityBoost": 1.5 } }""", "voice.settings.similarityBoost 1.5 must be 0..1")]
    [InlineData("""{ "provider": "espeak", "settings": { "speed": 1.1 } }""", "voice.settings.speed applies to cloud voices only")]
    public void Parse_WrongVoice_ClearMessage(string voice, string expected)
    {
        var ex = Assert.Throws<InvalidInputException>(() => new ChannelProfileLoader().Parse(Channel(voice)));

        Assert.Contains(expected, ex.Message);
    }
}
