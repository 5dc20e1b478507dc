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
using ModelContextProtocol;
using ModelContextProtocol.Server;

namespace AiVideo.McpServers.Voice.Tools;

/// <summary>Text-to-speech tools over the configured voice provider (embedded: espeak-ng).</summary>
[McpServerToolType]
public sealed class VoiceTools(IVoiceProvider voice, ArtifactWorkspace workspace, SpeechRecognizer recognizer, VoiceCatalog catalog)
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
    [Description("Speaks text to a WAV file in the workspace and returns its duration and one timing per whitespace-separated word, taken from the synthesiser's word events. Same input gives the same audio and timings; a repeated call with identical input returns the stored result.")]
    public async Task<SpeechToolResult> SynthesizeSpeech(
        [Description("The narration text, 1..5000 characters")] string text,
        [Description("Voice id from list_voices, e.g. en-us")] string voiceId = "en-us",
        [Description("Speaking rate in words per minute, 80..450")] int rate = 165,
        [Description("Workspace-relative .wav path to write; default voice/<hash>.wav")] string? outputPath = null,
        IProgress<ProgressNotificationValue>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text)) throw new InvalidInputException("text is empty");
        var inputHash = Hash($"{voice.Name}\n{voiceId}\n{rate}\n{text}");
        outputPath ??= $"voice/{inputHash[..24]}.wav";
        if (!outputPath.EndsWith(".wav", StringComparison.OrdinalIgnoreCase)) throw new InvalidInputException($"outputPath '{outputPath}' must end with .wav");
        var full = workspace.ResolveForWrite(outputPath);
        var sidecar = full + ".json";

        if (File.Exists(full) && File.Exists(sidecar)
            && JsonSerializer.Deserialize<StoredSpeech>(await File.ReadAllTextAsync(sidecar, cancellationToken).ConfigureAwait(false), AiVideoJson.Options) is { } stored
            && stored.InputHash == inputHash)
        {
            return stored.Result with { Reused = true };
        }

        progress?.Report(new ProgressNotificationValue { Progress = 0, Total = 1, Message = "synthesizing" });
        var speech = await voice.SynthesizeAsync(new SpeechRequest(text, voiceId, rate, full), cancellationToken).ConfigureAwait(false);
        var result = new SpeechToolResult(workspace.ToRelative(full), Math.Round(speech.DurationSec, 3), voiceId, speech.SampleRate, voice.Name, speech.Words, Reused: false);
        await File.WriteAllTextAsync(sidecar, JsonSerializer.Serialize(new StoredSpeech(inputHash, result), AiVideoJson.Options), cancellationToken).ConfigureAwait(false);
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
