namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// Veo settings (Gemini API, <c>Render:Veo</c>, e.g. <c>AIVIDEO__RENDER__VEO__APIKEY</c>); the key falls back to
/// <c>GEMINI_API_KEY</c>.
/// </summary>
public sealed class VeoOptions
{
    public const string Section = "Render:Veo";
    public const string ApiKeyEnvironment = "GEMINI_API_KEY";

    public string? ApiKey { get; set; }

    public string BaseUrl { get; set; } = "https://generativelanguage.googleapis.com";

    public string Model { get; set; } = "veo-3.1-generate-preview";

    /// <summary>Whether <c>parameters.seed</c> is sent (the Gemini API's support for it is not confirmed).</summary>
    public bool SendSeed { get; set; } = true;

    public string NegativePrompt { get; set; } = "";

    /// <summary>Clip lengths without a reference image (4, 6, 8).</summary>
    public string Durations { get; set; } = "4,6,8";

    /// <summary>Clip lengths with reference images (Veo 3.1 documents 8 s only for reference-image generation).</summary>
    public string ReferenceDurations { get; set; } = "8";

    /// <summary>Standard Veo 3.1 ≈ $0.40/s (fast ≈ $0.15/s).</summary>
    public decimal UsdPerSecond { get; set; } = 0.40m;

    public bool HasKey => !string.IsNullOrWhiteSpace(ApiKey);

    public IReadOnlyList<int> ClipLengths(bool withReference) =>
        ProviderSettings.ParseLengths(withReference ? ReferenceDurations : Durations, 4, 8) ?? (withReference ? [8] : [4, 6, 8]);

    public void ApplyEnvironment(Func<string, string?> environment)
    {
        if (string.IsNullOrWhiteSpace(ApiKey)) ApiKey = environment(ApiKeyEnvironment);
    }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        ProviderSettings.CheckBaseUrl(BaseUrl, $"{Section}:BaseUrl", errors);
        ProviderSettings.CheckPrice(UsdPerSecond, $"{Section}:UsdPerSecond", errors);
        if (string.IsNullOrWhiteSpace(Model)) errors.Add($"{Section}:Model must name a model (e.g. veo-3.1-generate-preview)");
        if (ProviderSettings.ParseLengths(Durations, 4, 8) is not { } plain || plain.Any(s => s % 2 != 0)) errors.Add($"{Section}:Durations must list 4, 6 and/or 8");
        if (ProviderSettings.ParseLengths(ReferenceDurations, 4, 8) is not { } refs || refs.Any(s => s % 2 != 0)) errors.Add($"{Section}:ReferenceDurations must list 4, 6 and/or 8");
        return errors;
    }
}
