using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiVideo.McpServers.Voice.Tests.Providers;

/// <summary>Answers shaped like ElevenLabs' and OpenAI's documented responses, with known timings to compare against.</summary>
public static class FakeVoiceApis
{
    public const int MsPerCharacter = 50;

    /// <summary>
    /// An ElevenLabs with-timestamps answer: <paramref name="spoken"/> as one entry per text element (an emoji is one
    /// entry of two UTF-16 units), each <see cref="MsPerCharacter"/> ms long, and silent 24 kHz PCM of the same length.
    /// </summary>
    public static string ElevenLabsAnswer(string? original, string spoken, int sampleRate = 24000)
    {
        var characters = TextElements(spoken);
        var pcm = new byte[characters.Count * MsPerCharacter * sampleRate / 1000 * 2];
        var answer = new JsonObject
        {
            ["audio_base64"] = Convert.ToBase64String(pcm),
            ["normalized_alignment"] = Alignment(characters),
        };
        if (original is not null) answer["alignment"] = Alignment(TextElements(original));
        return answer.ToJsonString();
    }

    /// <summary>Where a word of the spoken text starts in the fake's audio (its first character's start), in ms.</summary>
    public static int WordStartMs(string spoken, int wordIndex)
    {
        var elements = TextElements(spoken);
        var word = -1;
        for (var i = 0; i < elements.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(elements[i]) && (i == 0 || string.IsNullOrWhiteSpace(elements[i - 1])) && ++word == wordIndex) return i * MsPerCharacter;
        }
        throw new ArgumentOutOfRangeException(nameof(wordIndex));
    }

    public static List<string> TextElements(string text)
    {
        var list = new List<string>();
        var e = StringInfo.GetTextElementEnumerator(text);
        while (e.MoveNext()) list.Add(e.GetTextElement());
        return list;
    }

    private static JsonObject Alignment(List<string> characters) => new()
    {
        ["characters"] = new JsonArray(characters.Select(c => (JsonNode)c).ToArray()),
        ["character_start_times_seconds"] = new JsonArray(characters.Select((_, i) => (JsonNode)(i * MsPerCharacter / 1000.0)).ToArray()),
        ["character_end_times_seconds"] = new JsonArray(characters.Select((_, i) => (JsonNode)((i + 1) * MsPerCharacter / 1000.0)).ToArray()),
    };

    /// <summary>A 16-bit mono WAV of silence, as OpenAI's /audio/speech answers with response_format=wav (streamed: data size 0xFFFFFFFF).</summary>
    public static byte[] Wav(int durationMs, int sampleRate = 24000, bool streamedHeader = true)
    {
        var dataLength = durationMs * sampleRate / 1000 * 2;
        var wav = new byte[44 + dataLength];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(4), streamedHeader ? uint.MaxValue : (uint)(36 + dataLength));
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), 1);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), sampleRate * 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), 2);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(wav.AsSpan(40), streamedHeader ? uint.MaxValue : (uint)dataLength);
        return wav;
    }

    /// <summary>A whisper-1 verbose_json answer with word timestamps.</summary>
    public static string WhisperAnswer(params (string Word, double Start, double End)[] words) => new JsonObject
    {
        ["task"] = "transcribe",
        ["language"] = "english",
        ["duration"] = words.Length == 0 ? 0 : words[^1].End,
        ["text"] = string.Join(" ", words.Select(w => w.Word)),
        ["words"] = new JsonArray(words.Select(w => (JsonNode)new JsonObject { ["word"] = w.Word, ["start"] = w.Start, ["end"] = w.End }).ToArray()),
    }.ToJsonString();

    public static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement.Clone();
}
