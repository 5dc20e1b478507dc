using Microsoft.Extensions.Options;

namespace AiVideo.Agents.Providers;

/// <summary>Checks the model configuration at start, with messages that say which setting to fix. Never echoes the key.</summary>
public sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        var errors = Errors(options).ToList();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static IEnumerable<string> Errors(ModelOptions o)
    {
        var provider = o.NormalizedProvider;
        if (!ModelProviders.All.Contains(provider))
        {
            yield return $"Model:Provider '{o.Provider}' is unknown; use one of {string.Join(", ", ModelProviders.All)} (env AIVIDEO__MODEL__PROVIDER)";
            yield break;
        }
        if (provider == ModelProviders.Offline) yield break;

        if (string.IsNullOrWhiteSpace(o.Model))
        {
            yield return $"provider '{provider}' needs Model:Model, the {(provider == ModelProviders.AzureOpenAI ? "deployment name" : "model id")} (env AIVIDEO__MODEL__MODEL)";
        }
        var needsKey = provider is ModelProviders.OpenAI or ModelProviders.AzureOpenAI or ModelProviders.Anthropic;
        if (needsKey && string.IsNullOrWhiteSpace(o.ApiKey))
        {
            yield return $"provider '{provider}' needs Model:ApiKey (env AIVIDEO__MODEL__APIKEY, or 'dotnet user-secrets set Model:ApiKey …' in src/Host)";
        }
        var needsEndpoint = provider is ModelProviders.AzureOpenAI or ModelProviders.OpenAICompatible;
        if (needsEndpoint && string.IsNullOrWhiteSpace(o.Endpoint))
        {
            yield return provider == ModelProviders.AzureOpenAI
                ? "provider 'azure-openai' needs Model:Endpoint, e.g. https://<resource>.openai.azure.com (env AIVIDEO__MODEL__ENDPOINT)"
                : "provider 'openai-compatible' needs Model:Endpoint, the base URL ending in /v1, e.g. http://localhost:1234/v1 (env AIVIDEO__MODEL__ENDPOINT)";
        }
        if (!string.IsNullOrWhiteSpace(o.Endpoint)
            && !(Uri.TryCreate(o.Endpoint, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)))
        {
            yield return $"Model:Endpoint '{o.Endpoint}' must be an absolute http(s) URL";
        }
        if (o.Temperature is < 0 or > 2)
        {
            yield return $"Model:Temperature {o.Temperature} must be 0..2";
        }
        if (o.MaxTokens is < 1 or > 200_000)
        {
            yield return $"Model:MaxTokens {o.MaxTokens} must be 1..200000";
        }
        if (o.TimeoutSeconds is < 1 or > 3600)
        {
            yield return $"Model:TimeoutSeconds {o.TimeoutSeconds} must be 1..3600";
        }
    }
}
