namespace AiVideo.Agents.Providers;

/// <summary>
/// The language model, from configuration section <c>Model</c> (appsettings.json, user secrets, or environment
/// variables such as <c>AIVIDEO__MODEL__PROVIDER</c>). <c>offline</c> (the default) uses no model at all.
/// </summary>
public sealed class ModelOptions
{
    public const string SectionName = "Model";

    /// <summary>offline | openai | azure-openai | anthropic | ollama | openai-compatible.</summary>
    public string Provider { get; set; } = ModelProviders.Offline;

    /// <summary>Model id (Azure: the deployment name).</summary>
    public string? Model { get; set; }

    /// <summary>Base URL. Required for azure-openai and openai-compatible; optional elsewhere.</summary>
    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>0..2; the provider's default when unset.</summary>
    public double? Temperature { get; set; }

    /// <summary>Cap on output tokens per answer; 1..200000.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>Per-request network timeout.</summary>
    public int TimeoutSeconds { get; set; } = 120;

    /// <summary>Retries of a transient failure (429, 5xx, timeout) per call.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>First retry delay; doubles each retry, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public bool IsOffline => string.Equals(Provider?.Trim(), ModelProviders.Offline, StringComparison.OrdinalIgnoreCase);

    public string NormalizedProvider => (Provider ?? "").Trim().ToLowerInvariant();

    public override string ToString() =>
        $"Provider={Provider}, Model={Model ?? "(none)"}, Endpoint={Endpoint ?? "(default)"}, ApiKey={(string.IsNullOrEmpty(ApiKey) ? "(none)" : "***")}";
}

public static class ModelProviders
{
    public const string Offline = "offline";
    public const string OpenAI = "openai";
    public const string AzureOpenAI = "azure-openai";
    public const string Anthropic = "anthropic";
    public const string Ollama = "ollama";
    public const string OpenAICompatible = "openai-compatible";

    public static IReadOnlyList<string> All { get; } = [Offline, OpenAI, AzureOpenAI, Anthropic, Ollama, OpenAICompatible];
}
