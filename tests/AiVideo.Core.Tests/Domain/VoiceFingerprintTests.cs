using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiVideo.Core.Domain;
using AiVideo.Core.Json;
using AiVideo.Core.Providers;

namespace AiVideo.Core.Tests.Domain;

/// <summary>The voice lock's fingerprint: SHA-256 of a canonical form, stable across key order, sensitive to any change.</summary>
public class VoiceFingerprintTests
{
    private static readonly VoiceSettings ElevenLabs = new()
    {
        Provider = "elevenlabs",
        Id = "21m00Tcm4TlvDq8ikWAM",
        Model = "eleven_multilingual_v2",
        Settings = new VoiceTuning { Stability = 0.45, SimilarityBoost = 0.8, Speed = 1.05 },
    };

    private static VoiceSettings Parse(string json) => JsonSerializer.Deserialize<VoiceSettings>(json, AiVideoJson.Options)!;

    [Fact]
    public void Of_SameVoiceWithKeysInAnotherOrder_GivesTheSameHash()
    {
        var a = Parse("""{ "provider": "elevenlabs", "id": "v1", "model": "m", "settings": { "stability": 0.45, "similarityBoost": 0.8, "style": 0.1 } }""");
        var b = Parse("""{ "settings": { "style": 0.1, "similarityBoost": 0.8, "stability": 0.45 }, "model": "m", "id": "v1", "provider": "elevenlabs" }""");

        Assert.Equal(VoiceFingerprint.Of(a).Hash, VoiceFingerprint.Of(b).Hash);
    }

    [Fact]
    public void Of_EspeakDefaults_IsTheSha256OfTheCanonicalJsonWithSortedKeys()
    {
        var expected = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("""{"id":"en-us","provider":"espeak","rate":165}""")));

        Assert.Equal(expected, VoiceFingerprint.Of(new VoiceSettings()).Hash);
    }

    public static TheoryData<string> Changes() => ["provider", "id", "model", "stability", "similarityBoost", "style", "speed", "instructions", "settings removed"];

    [Theory]
    [MemberData(nameof(Changes))]
    public void Of_AnyChangeOfProviderIdModelOrSetting_GivesAnotherHash(string change)
    {
        var s = ElevenLabs.Settings!;
        var changed = change switch
        {
            "provider" => ElevenLabs with { Provider = "openai" },
            "id" => ElevenLabs with { Id = "pNInz6obpgDQGcFmaJgB" },
            "model" => ElevenLabs with { Model = "eleven_turbo_v2_5" },
            "stability" => ElevenLabs with { Settings = s with { Stability = 0.46 } },
            "similarityBoost" => ElevenLabs with { Settings = s with { SimilarityBoost = 0.7 } },
            "style" => ElevenLabs with { Settings = s with { Style = 0.2 } },
            "speed" => ElevenLabs with { Settings = s with { Speed = 1.0 } },
            "instructions" => ElevenLabs with { Settings = s with { Instructions = "calm" } },
            _ => ElevenLabs with { Settings = null },
        };

        Assert.NotEqual(VoiceFingerprint.Of(ElevenLabs).Hash, VoiceFingerprint.Of(changed).Hash);
    }

    [Fact]
    public void Of_EspeakRateChange_GivesAnotherHash() =>
        Assert.NotEqual(VoiceFingerprint.Of(new VoiceSettings { Rate = 165 }).Hash, VoiceFingerprint.Of(new VoiceSettings { Rate = 175 }).Hash);

    [Fact]
    public void Of_RateOfACloudVoice_IsIgnored() =>
        Assert.Equal(VoiceFingerprint.Of(ElevenLabs with { Rate = 165 }).Hash, VoiceFingerprint.Of(ElevenLabs with { Rate = 200 }).Hash);

    [Fact]
    public void Description_NamesProviderVoiceModelAndSettings()
    {
        var fingerprint = VoiceFingerprint.Of(ElevenLabs);

        Assert.Equal("elevenlabs voice 21m00Tcm4TlvDq8ikWAM, model eleven_multilingual_v2, stability 0.45, similarity boost 0.8, speed 1.05", fingerprint.Description);
        Assert.Matches("^[0-9a-f]{64}$", fingerprint.Hash);
        Assert.Equal("espeak voice en-us, rate 165 wpm", VoiceFingerprint.Of(new VoiceSettings()).Description);
    }
}
