namespace AiVideo.Memory.Embeddings;

/// <summary>
/// The embedding model of the performance memory, from configuration section <c>Memory:Embeddings</c>.
/// <c>hashed</c> (the default) is the offline lexical embedder; the others call the provider's embeddings API.
/// </summary>
public sealed class EmbeddingOptions
{
    public const string Hashed = "hashed";
    public const string OpenAI = "openai";
    public const string AzureOpenAI = "azure-openai";
    public const string Ollama = "ollama";
    public const string OpenAICompatible = "openai-compatible";

    /// <summary>hashed | openai | azure-openai | ollama | openai-compatible.</summary>
    public string Provider { get; set; } = Hashed;

    /// <summary>Model id (Azure: the deployment), e.g. text-embedding-3-small, nomic-embed-text.</summary>
    public string? Model { get; set; }

    public string? Endpoint { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>Requested vector size (OpenAI text-embedding-3 models can shorten); the hashed embedder's size (default 384).</summary>
    public int? Dimensions { get; set; }

    public int TimeoutSeconds { get; set; } = 60;

    public string NormalizedProvider => (Provider ?? "").Trim().ToLowerInvariant();

    public static IReadOnlyList<string> Providers { get; } = [Hashed, OpenAI, AzureOpenAI, Ollama, OpenAICompatible];

    /// <summary>Everything wrong with these settings, one actionable line each.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        var provider = NormalizedProvider;
        if (!Providers.Contains(provider))
        {
            errors.Add($"Memory:Embeddings:Provider '{Provider}' is not one of {string.Join(", ", Providers)}");
            return errors;
        }
        if (Dimensions is <= 0 or > 8192) errors.Add($"Memory:Embeddings:Dimensions {Dimensions} must be 1..8192");
        if (provider == Hashed) return errors;
        if (string.IsNullOrWhiteSpace(Model)) errors.Add($"Memory:Embeddings:Model is required for {provider} (e.g. {(provider == Ollama ? "nomic-embed-text" : "text-embedding-3-small")})");
        if (provider is OpenAI or AzureOpenAI && string.IsNullOrWhiteSpace(ApiKey)) errors.Add($"Memory:Embeddings:ApiKey is required for {provider}");
        if (provider is AzureOpenAI or OpenAICompatible && string.IsNullOrWhiteSpace(Endpoint)) errors.Add($"Memory:Embeddings:Endpoint is required for {provider}");
        if (!string.IsNullOrWhiteSpace(Endpoint) && !Uri.TryCreate(Endpoint, UriKind.Absolute, out _)) errors.Add($"Memory:Embeddings:Endpoint '{Endpoint}' is not an absolute URL");
        if (TimeoutSeconds is < 1 or > 600) errors.Add($"Memory:Embeddings:TimeoutSeconds {TimeoutSeconds} must be 1..600");
        return errors;
    }
}
