using System.ComponentModel;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiVideo.Contracts;
using AiVideo.Core;
using AiVideo.Media.Speech;
using AiVideo.Core.Domain;
using AiVideo.Core.Json;
using AiVideo.Core.Providers;
using AiVideo.Core.Workspace;
using AiVideo.McpServers.Voice.Providers;
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace AiVideo.McpServers.Voice.Tools;

/// <summary>Text-to-speech tools over the voice providers (embedded espeak-ng; ElevenLabs and OpenAI when configured).</summary>
[McpServerToolType]
public sealed class VoiceTools(VoiceProviderSet voices, ArtifactWorkspace workspace, SpeechRecognizer recognizer, VoiceCatalog catalog)
{
    [McpServerTool(Name = "check_speech", UseStructuredContent = true, ReadOnly = true, Idempotent = true)]
    [Description("Recognises a narration offline (pocketsphinx with a language model built from the script) and returns what was heard and its word error rate against the script (0 = every word as scripted). Judge by the error rate: script words can be 'heard' in any audio.")]
    public async Task<SpeechCheckToolResult> CheckSpeech(
        [Description("Workspace-relative WAV path of the narration")] string audioPath,
        [Description("The script the narration should say")] string text,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InvalidInputException("text is empty");
        if (text.Length > 20_000) throw new InvalidInputException($"text is {text.Length} characters; at most 20000");
        var full = workspace.ResolveExistingFile(audioPath);
        var scratch = Path.Combine(Path.GetTempPath(), $"aivideo-asr-{Guid.NewGuid():N}");
        try
        {
            var check = await recognizer.CheckAsync(full, text, scratch, cancellationToken).ConfigureAwait(false);
            return new SpeechCheckToolResult(check.Transcript, Math.Round(check.WordErrorRate, 3), check.OutOfVocabulary, "pocketsphinx");
        }
        catch (AiVideo.Media.Processes.MediaToolException ex)
        {
            throw new InvalidInputException($"'{audioPath}' is not audio ffmpeg can read ({ex.Message.Split('\n')[0]})");
        }
        finally
        {
            try { Directory.Delete(scratch, recursive: true); } catch (IOException) { }
        }
    }

    [McpServerTool(Name = "synthesize_speech", UseStructuredContent = true)]
    [Description("Speaks text to a WAV file in the workspace and returns its duration and one timing per whitespace-separated script word, in order, inside the audio. Providers: espeak (embedded, free, timings from its word events), elevenlabs (timings from its character alignment), openai (timings from a whisper-1 transcription aligned back onto the script). Same input gives the same result; a repeated call with identical input returns the stored result (Reused, costUsd 0). Paid: with dryRun true nothing is synthesised and costUsd is the price of exactly this request (characters x the provider's price; 0 when the stored result would be reused).")]
    public async Task<SpeechToolResult> SynthesizeSpeech(
        [Description("The narration text, 1..5000 characters")] string text,
        [Description("Voice id: espeak voice from list_voices (e.g. en-us), ElevenLabs voice_id, or OpenAI voice (e.g. alloy)")] string voiceId = "en-us",
        [Description("Speaking rate in words per minute, 80..450 (espeak only)")] int rate = 165,
        [Description("Workspace-relative .wav path to write; default voice/<hash>.wav")] string? outputPath = null,
        [Description("Voice provider: espeak (default), elevenlabs or openai")] string provider = VoiceProviderNames.Espeak,
        [Description("The provider's model (e.g. eleven_multilingual_v2, gpt-4o-mini-tts); default: the server's configured model")] string? model = null,
        [Description("ElevenLabs voice stability 0..1")] double? stability = null,
        [Description("ElevenLabs similarity_boost 0..1")] double? similarityBoost = null,
        [Description("ElevenLabs style exaggeration 0..1")] double? style = null,
        [Description("Cloud voices' speed (ElevenLabs 0.7..1.2, OpenAI 0.25..4)")] double? speed = null,
        [Description("OpenAI gpt-4o-mini-tts speaking instructions (tone, pace)")] string? instructions = null,
        [Description("true: validate and answer the price only (costUsd), nothing synthesised")] bool dryRun = false,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InvalidInputException("text is empty");
        if (text.Length > 5000) throw new InvalidInputException($"text is {text.Length} characters; at most 5000");
        if (string.IsNullOrWhiteSpace(voiceId)) throw new InvalidInputException("voiceId is empty");
        if (!VoiceProviderNames.IsKnown(provider)) throw new InvalidInputException($"provider '{provider}' is unknown (known: {string.Join(", ", VoiceProviderNames.All)})");
        var tuning = new VoiceTuning { Stability = stability, SimilarityBoost = similarityBoost, Style = style, Speed = speed, Instructions = instructions };
        var problems = tuning.Validate(provider, "settings");
        if (problems.Count > 0) throw new InvalidInputException(string.Join("; ", problems));
        if (model is not null && provider == VoiceProviderNames.Espeak) throw new InvalidInputException("model applies to cloud voices only (provider is 'espeak')");
        var voice = voices.Get(provider);
        voice.EnsureConfigured();

        var probe = new SpeechRequest(text, voiceId, rate, "", model, tuning == new VoiceTuning() ? null : tuning);
        var effectiveModel = voice.ModelFor(probe);
        var inputHash = provider == VoiceProviderNames.Espeak
            ? Hash($"{voice.Name}\n{voiceId}\n{rate}\n{text}")
            : Hash($"{voice.Name}\n{voiceId}\n{effectiveModel}\n{JsonSerializer.Serialize(tuning, AiVideoJson.Compact)}\n{text}");
        outputPath ??= $"voice/{inputHash[..24]}.wav";
        if (!outputPath.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)) throw new InvalidInputException($"outputPath '{outputPath}' must end with .wav");
        var full = workspace.ResolveForWrite(outputPath);
        var sidecar = full + ".json";
        var request = probe with { OutputPath = full };

        if (File.Exists(full) && File.Exists(sidecar)
            && JsonSerializer.Deserialize<StoredSpeech>(await File.ReadAllTextAsync(sidecar, cancellationToken).ConfigureAwait(false), AiVideoJson.Options) is { } stored
            && stored.InputHash == inputHash)
        {
            return stored.Result with { Reused = true, CostUsd = 0m, DryRun = dryRun };
        }
        if (dryRun)
        {
            return new SpeechToolResult(workspace.ToRelative(full), 0, voiceId, 0, voice.Name, [], Reused: false, CostUsd: voice.PriceUsd(request), DryRun: true, Model: effectiveModel);
        }

        progress?.Report(new ProgressNotificationValue { Progress = 0, Total = 1, Message = "synthesizing" });
        var speech = await voice.SynthesizeAsync(request, cancellationToken).ConfigureAwait(false);
        var result = new SpeechToolResult(workspace.ToRelative(full), Math.Round(speech.DurationSec, 3), voiceId, speech.SampleRate, voice.Name, speech.Words, Reused: false,
            CostUsd: speech.CostUsd, Model: effectiveModel);
        await File.WriteAllTextAsync(sidecar, JsonSerializer.Serialize(new StoredSpeech(inputHash, result with { CostUsd = 0m }), AiVideoJson.Options), cancellationToken).ConfigureAwait(false);
        progress?.Report(new ProgressNotificationValue { Progress = 1, Total = 1, Message = "done" });
        return result;
    }

    [McpServerTool(Name = "list_voices", UseStructuredContent = true, ReadOnly = true, Idempotent = true)]
    [Description("Lists the voices the provider can speak with (read once per server process).")]
    public async Task<IReadOnlyList<VoiceInfo>> ListVoices(
        [Description("Only voices of this language, e.g. en")] string? language = null,
        CancellationToken cancellationToken = default)
    {
        var voices = await catalog.GetAsync(cancellationToken).ConfigureAwait(false);
        return language is null ? voices : voices.Where(v => v.Language.Equals(language, StringComparison.OrdinalIgnoreCase) || v.Id.StartsWith(language + "-", StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private static string Hash(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private sealed record StoredSpeech(string InputHash, SpeechToolResult Result);
}
