using System.ClientModel;
using System.ClientModel.Primitives;
using AiVideo.Memory.Http;
using Microsoft.Extensions.AI;
using OllamaSharp;
using OpenAI;

namespace AiVideo.Memory.Embeddings;

/// <summary>
/// Builds the configured <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>: the offline hashed n-gram embedder, or
/// the embeddings API of OpenAI, Azure OpenAI (v1 API + api-key header), Ollama, or any OpenAI-compatible server.
/// </summary>
public sealed class EmbeddingGeneratorFactory(Func<HttpClient>? httpClientFactory = null)
{
    private const string DefaultOpenAIEndpoint = "https://api.openai.com/v1";
    private const string DefaultOllamaEndpoint = "http://localhost:11434";
    private const string PlaceholderKey = "no-key";

    public IEmbeddingGenerator<string, Embedding<float>> Create(EmbeddingOptions options)
    {
        var errors = options.Validate();
        if (errors.Count > 0) throw new ArgumentException(string.Join("; ", errors));
        return options.NormalizedProvider switch
        {
            EmbeddingOptions.Hashed => new HashedNgramEmbeddingGenerator(options.Dimensions ?? HashedNgramEmbeddingGenerator.DefaultDimensions),
            EmbeddingOptions.OpenAI => OpenAI(options, options.Endpoint ?? DefaultOpenAIEndpoint, options.ApiKey!, azure: false),
            EmbeddingOptions.OpenAICompatible => OpenAI(options, options.Endpoint!, string.IsNullOrEmpty(options.ApiKey) ? PlaceholderKey : options.ApiKey, azure: false),
            EmbeddingOptions.AzureOpenAI => OpenAI(options, options.Endpoint!.TrimEnd('/') + "/openai/v1", options.ApiKey!, azure: true),
            EmbeddingOptions.Ollama => Ollama(options),
            _ => throw new ArgumentException($"unknown embeddings provider '{options.Provider}'"),
        };
    }

    private HttpClient Http(EmbeddingOptions options)
    {
        var http = httpClientFactory?.Invoke() ?? new HttpClient();
        http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        return http;
    }

    private IEmbeddingGenerator<string, Embedding<float>> OpenAI(EmbeddingOptions options, string endpoint, string key, bool azure)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = new Uri(endpoint.TrimEnd('/') + "/"),
            Transport = new HttpClientPipelineTransport(Http(options)),
            NetworkTimeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
        };
        if (azure) clientOptions.AddPolicy(new ApiKeyHeaderPolicy(key), PipelinePosition.PerCall);
        return new OpenAI.Embeddings.EmbeddingClient(options.Model!, new ApiKeyCredential(key), clientOptions).AsIEmbeddingGenerator(options.Dimensions);
    }

    private IEmbeddingGenerator<string, Embedding<float>> Ollama(EmbeddingOptions options)
    {
        var http = Http(options);
        http.BaseAddress = new Uri((options.Endpoint ?? DefaultOllamaEndpoint).TrimEnd('/') + "/");
        return new OllamaApiClient(http, options.Model!);
    }
}
