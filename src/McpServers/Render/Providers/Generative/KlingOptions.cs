namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// Kling settings (<c>Render:Kling</c>, e.g. <c>AIVIDEO__RENDER__KLING__ACCESSKEY</c>); the keys fall back to
/// <c>KLING_ACCESS_KEY</c> / <c>KLING_SECRET_KEY</c>. Without keys the source cannot fill (the next source does).
/// </summary>
public sealed class KlingOptions
{
    public const string Section = "Render:Kling";
    public const string AccessKeyEnvironment = "KLING_ACCESS_KEY";
    public const string SecretKeyEnvironment = "KLING_SECRET_KEY";

    public string? AccessKey { get; set; }

    public string? SecretKey { get; set; }

    /// <summary>The API's base URL; the global endpoint (older docs: https://api.klingai.com).</summary>
    public string BaseUrl { get; set; } = "https://api-singapore.klingai.com";

    public string Model { get; set; } = "kling-v2-6";

    /// <summary><c>std</c> or <c>pro</c>.</summary>
    public string Mode { get; set; } = "std";

    public string NegativePrompt { get; set; } = "";

    /// <summary>Price per second of generated clip (the seed article's ≈ $0.10/s).</summary>
    public decimal UsdPerSecond { get; set; } = 0.10m;

    public bool HasKeys => !string.IsNullOrWhiteSpace(AccessKey) && !string.IsNullOrWhiteSpace(SecretKey);

    /// <summary>Takes the keys from the provider's own environment variables when configuration has none.</summary>
    public void ApplyEnvironment(Func<string, string?> environment)
    {
        if (string.IsNullOrWhiteSpace(AccessKey)) AccessKey = environment(AccessKeyEnvironment);
        if (string.IsNullOrWhiteSpace(SecretKey)) SecretKey = environment(SecretKeyEnvironment);
    }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        ProviderSettings.CheckBaseUrl(BaseUrl, $"{Section}:BaseUrl", errors);
        ProviderSettings.CheckPrice(UsdPerSecond, $"{Section}:UsdPerSecond", errors);
        if (string.IsNullOrWhiteSpace(Model)) errors.Add($"{Section}:Model must name a model (e.g. kling-v2-6)");
        if (Mode is not ("std" or "pro")) errors.Add($"{Section}:Mode must be std or pro");
        if (string.IsNullOrWhiteSpace(AccessKey) != string.IsNullOrWhiteSpace(SecretKey))
        {
            errors.Add($"{Section}: set both AccessKey and SecretKey ({AccessKeyEnvironment}/{SecretKeyEnvironment}), not one");
        }
        return errors;
    }
}
