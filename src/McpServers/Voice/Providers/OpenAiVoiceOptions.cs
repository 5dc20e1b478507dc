using Microsoft.Extensions.Configuration;

namespace AiVideo.McpServers.Voice.Providers;

/// <summary><c>Voice:OpenAI</c>: key (or <c>OPENAI_API_KEY</c>), base URL, speech model, transcription model (word timings), price.</summary>
public sealed class OpenAiVoiceOptions : CloudVoiceOptions
{
    public const string DefaultBaseUrl = "https://api.openai.com/v1";

    /// <summary>The speech endpoint's input limit.</summary>
    public const int ApiMaxInputChars = 4096;

    public OpenAiVoiceOptions()
    {
        BaseUrl = DefaultBaseUrl;
        Model = "gpt-4o-mini-tts";
        UsdPer1kChars = 0.015m;
        MaxCharsPerRequest = ApiMaxInputChars;
    }

    /// <summary>The transcription model that returns word timestamps (the gpt-4o transcribe models do not).</summary>
    public string TranscribeModel { get; set; } = "whisper-1";

    public override string Section => "Voice:OpenAI";
    public override string DisplayName => "OpenAI";
    public override string KeyEnvironmentVariable => "OPENAI_API_KEY";

    protected override void BindMore(IConfigurationSection section)
    {
        if (section["TranscribeModel"] is { Length: > 0 } model) TranscribeModel = model;
    }

    public override IReadOnlyList<string> Validate()
    {
        var errors = base.Validate().ToList();
        if (string.IsNullOrWhiteSpace(TranscribeModel)) errors.Add($"{Section}:TranscribeModel must name a model with word timestamps (whisper-1)");
        if (MaxCharsPerRequest is < 100 or > ApiMaxInputChars) errors.Add($"{Section}:MaxCharsPerRequest {MaxCharsPerRequest} must be 100..{ApiMaxInputChars}");
        return errors;
    }
}
