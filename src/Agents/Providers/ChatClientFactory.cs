using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Anthropic.Core;
using AiVideo.Memory.Http;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using OllamaSharp;
using OpenAI;

namespace AiVideo.Agents.Providers;

/// <summary>
/// Builds the configured provider's <see cref="IChatClient"/> (null when offline), wrapped so that the configured
/// model, temperature and max tokens apply to every request and no error ever carries the key.
/// Azure OpenAI is reached through its v1 API with the OpenAI client (the Azure package is not usable here).
/// </summary>
public sealed class ChatClientFactory(ILoggerFactory? loggerFactory = null, Func<HttpClient>? httpClientFactory = null)
{
    public const string DefaultOpenAIEndpoint = "https://api.openai.com/v1";
    public const string DefaultOllamaEndpoint = "http://localhost:11434";

    /// <summary>
    /// openai-compatible servers without authentication still get a key: the OpenAI client requires one, and the
    /// header is ignored by servers that do not check it (LM Studio, vLLM, Ollama /v1).
    /// </summary>
    public const string PlaceholderKey = "no-key";

    public IChatClient? Create(ModelOptions options)
    {
        var validation = new ModelOptionsValidator().Validate(null, options);
        if (validation.Failed) throw new ArgumentException(validation.FailureMessage);
        var provider = options.NormalizedProvider;
        if (provider == ModelProviders.Offline) return null;

        var inner = provider switch
        {
            ModelProviders.OpenAI => OpenAIClient(options, options.Endpoint ?? DefaultOpenAIEndpoint, options.ApiKey!, azure: false),
            ModelProviders.OpenAICompatible => OpenAIClient(options, options.Endpoint!, string.IsNullOrEmpty(options.ApiKey) ? PlaceholderKey : options.ApiKey, azure: false),
            ModelProviders.AzureOpenAI => OpenAIClient(options, options.Endpoint!.TrimEnd('/') + "/openai/v1", options.ApiKey!, azure: true),
            ModelProviders.Anthropic => AnthropicClient(options),
            ModelProviders.Ollama => OllamaClient(options),
            _ => throw new ArgumentException($"unknown provider '{options.Provider}'"),
        };

        var resilient = new ResilientChatClient(inner, TimeSpan.FromSeconds(options.TimeoutSeconds), maxRetries: options.MaxRetries, baseDelay: options.RetryBaseDelay);
        var configured = new ChatClientBuilder(resilient)
            .ConfigureOptions(o =>
            {
                o.ModelId ??= options.Model;
                o.Temperature ??= (float?)options.Temperature;
                o.MaxOutputTokens ??= options.MaxTokens;
            })
            .UseLogging(loggerFactory ?? NullLoggerFactory.Instance)
            .Build();
        return new SecretScrubbingChatClient(configured, provider, options.Model, options.ApiKey);
    }

    private HttpClient Http(ModelOptions options)
    {
        var http = httpClientFactory?.Invoke() ?? new HttpClient();
        http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        return http;
    }

    private IChatClient OpenAIClient(ModelOptions options, string endpoint, string key, bool azure)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint.TrimEnd('/') + "/"),
            Transport = new HttpClientPipelineTransport(Http(options)),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0), // retries are ResilientChatClient's, not the SDK's too
        };
        if (azure) clientOptions.AddPolicy(new ApiKeyHeaderPolicy(key), PipelinePosition.PerCall);
        return new OpenAI.Chat.ChatClient(options.Model!, new ApiKeyCredential(key), clientOptions).AsIChatClient();
    }

    private IChatClient AnthropicClient(ModelOptions options)
    {
        var client = new AnthropicClient(new ClientOptions
        {
            ApiKey = options.ApiKey!,
            BaseUrl = string.IsNullOrWhiteSpace(options.Endpoint) ? "https://api.anthropic.com" : options.Endpoint.TrimEnd('/'),
            HttpClient = Http(options),
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            MaxRetries = 0, // retries are ResilientChatClient's, not the SDK's too
        });
        return client.AsIChatClient(options.Model!, options.MaxTokens ?? 4096);
    }

    private IChatClient OllamaClient(ModelOptions options)
    {
        var http = Http(options);
        http.BaseAddress = new Uri((options.Endpoint ?? DefaultOllamaEndpoint).TrimEnd('/') + "/");
        return new OllamaApiClient(http, options.Model!);
    }
}
