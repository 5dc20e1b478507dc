namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// Runway settings (<c>Render:Runway</c>, e.g. <c>AIVIDEO__RENDER__RUNWAY__APIKEY</c>); the key falls back to
/// <c>RUNWAYML_API_SECRET</c>. With a reference image the image model (image-to-video) is used, otherwise the text model.
/// </summary>
public sealed class RunwayOptions
{
    public const string Section = "Render:Runway";
    public const string ApiKeyEnvironment = "RUNWAYML_API_SECRET";

    public string? ApiKey { get; set; }

    public string BaseUrl { get; set; } = "https://api.dev.runwayml.com";

    /// <summary>The <c>X-Runway-Version</c> header.</summary>
    public string Version { get; set; } = "2024-11-06";

    public string ImageModel { get; set; } = "gen4_turbo";

    public string TextModel { get; set; } = "gen4.5";

    /// <summary>Output size as Runway's pixel ratio (portrait 720:1280).</summary>
    public string Ratio { get; set; } = "720:1280";

    /// <summary>Clip lengths to generate, in seconds (2..10), e.g. "5,10".</summary>
    public string Durations { get; set; } = "5,10";

    /// <summary>gen4_turbo: 5 credits/s × $0.01.</summary>
    public decimal UsdPerSecondImage { get; set; } = 0.05m;

    /// <summary>gen4.5: 12 credits/s × $0.01.</summary>
    public decimal UsdPerSecondText { get; set; } = 0.12m;

    public bool HasKey => !string.IsNullOrWhiteSpace(ApiKey);

    public IReadOnlyList<int> ClipLengths => ProviderSettings.ParseLengths(Durations, 2, 10) ?? [5, 10];

    public void ApplyEnvironment(Func<string, string?> environment)
    {
        if (string.IsNullOrWhiteSpace(ApiKey)) ApiKey = environment(ApiKeyEnvironment);
    }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        ProviderSettings.CheckBaseUrl(BaseUrl, $"{Section}:BaseUrl", errors);
        ProviderSettings.CheckPrice(UsdPerSecondImage, $"{Section}:UsdPerSecondImage", errors);
        ProviderSettings.CheckPrice(UsdPerSecondText, $"{Section}:UsdPerSecondText", errors);
        if (string.IsNullOrWhiteSpace(Version)) errors.Add($"{Section}:Version must be the X-Runway-Version date (e.g. 2024-11-06)");
        if (string.IsNullOrWhiteSpace(ImageModel) || string.IsNullOrWhiteSpace(TextModel)) errors.Add($"{Section}:ImageModel and TextModel must name models");
        if (ProviderSettings.ParseLengths(Durations, 2, 10) is null) errors.Add($"{Section}:Durations must list whole seconds 2..10 (e.g. \"5,10\")");
        if (!System.Text.RegularExpressions.Regex.IsMatch(Ratio, "^[0-9]{3,4}:[0-9]{3,4}$")) errors.Add($"{Section}:Ratio must be width:height in pixels (e.g. 720:1280)");
        return errors;
    }
}
