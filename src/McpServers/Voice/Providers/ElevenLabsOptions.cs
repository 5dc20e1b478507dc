using Microsoft.Extensions.Configuration;

namespace AiVideo.McpServers.Voice.Providers;

/// <summary><c>Voice:ElevenLabs</c>: key (or <c>ELEVENLABS_API_KEY</c>), base URL, default model, price, PCM output format.</summary>
public sealed class ElevenLabsOptions : CloudVoiceOptions
{
    public const string DefaultBaseUrl = "https://api.elevenlabs.io";

    public ElevenLabsOptions()
    {
        BaseUrl = DefaultBaseUrl;
        Model = "eleven_multilingual_v2";
        UsdPer1kChars = 0.18m;
        MaxCharsPerRequest = 2500;
    }

    /// <summary><c>pcm_16000|pcm_22050|pcm_24000|pcm_44100</c>: raw 16-bit mono samples the server writes as a WAV.</summary>
    public string OutputFormat { get; set; } = "pcm_24000";

    public int SampleRate => int.TryParse(OutputFormat.AsSpan(4), out var rate) ? rate : 0;

    public override string Section => "Voice:ElevenLabs";
    public override string DisplayName => "ElevenLabs";
    public override string KeyEnvironmentVariable => "ELEVENLABS_API_KEY";

    protected override void BindMore(IConfigurationSection section)
    {
        if (section["OutputFormat"] is { Length: > 0 } format) OutputFormat = format;
    }

    public override IReadOnlyList<string> Validate()
    {
        var errors = base.Validate().ToList();
        if (OutputFormat is not ("pcm_16000" or "pcm_22050" or "pcm_24000" or "pcm_44100")) errors.Add($"{Section}:OutputFormat '{OutputFormat}' must be pcm_16000, pcm_22050, pcm_24000 or pcm_44100");
        if (MaxCharsPerRequest is < 100 or > 10000) errors.Add($"{Section}:MaxCharsPerRequest {MaxCharsPerRequest} must be 100..10000");
        return errors;
    }
}
