using AiVideo.Testing.Fakes;
using System.Text.Json;
using AiVideo.Agents.Providers;
using Microsoft.Extensions.AI;

namespace AiVideo.Agents.Tests.ModelProviders;

/// <summary>Each provider against a canned local server: the request it sends and the reply it parses.</summary>
public class ChatClientFactoryTests
{
    private const string Key = "sk-test-SECRET-4711";

    private const string OpenAIReply = """
        {"id":"chatcmpl-1","object":"chat.completion","created":1700000000,"model":"m1",
         "choices":[{"index":0,"message":{"role":"assistant","content":"hello from openai"},"finish_reason":"stop"}],
         "usage":{"prompt_tokens":11,"completion_tokens":7,"total_tokens":18}}
        """;

    private static IChatClient Create(ModelOptions options) => new ChatClientFactory().Create(options)!;

    private static JsonElement BodyOf(RecordedRequest request) => JsonDocument.Parse(request.Body).RootElement;

    private static ChatOptions Options => new() { Temperature = 0.3f, MaxOutputTokens = 123 };

    [Theory]
    [InlineData("openai-compatible")]
    [InlineData("openai")]
    public async Task OpenAIStyle_PostsChatCompletionsWithBearerKey_AndParsesTextAndUsage(string provider)
    {
        using var server = new CannedHttpServer(200, OpenAIReply);
        var client = Create(new ModelOptions { Provider = provider, Model = "m1", ApiKey = Key, Endpoint = server.BaseUrl + "/v1", Temperature = 0.3 });

        var response = await client.GetResponseAsync("Say hello", new ChatOptions { MaxOutputTokens = 123 });

        Assert.Equal("hello from openai", response.Text);
        Assert.Equal(11, response.Usage!.InputTokenCount);
        Assert.Equal(7, response.Usage.OutputTokenCount);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/chat/completions"), (request.Method, request.Path));
        Assert.Equal($"Bearer {Key}", request.Headers["Authorization"]);
        var body = BodyOf(request);
        Assert.Equal("m1", body.GetProperty("model").GetString());
        Assert.Equal(0.3, body.GetProperty("temperature").GetDouble(), 3);
        var maxTokens = body.TryGetProperty("max_completion_tokens", out var mct) ? mct : body.GetProperty("max_tokens");
        Assert.Equal(123, maxTokens.GetInt32());
        Assert.Contains(body.GetProperty("messages").EnumerateArray(), m => m.GetProperty("content").ToString().Contains("Say hello"));
    }

    [Fact]
    public async Task OpenAICompatible_WithoutKey_SendsThePlaceholderKey()
    {
        using var server = new CannedHttpServer(200, OpenAIReply);
        var client = Create(new ModelOptions { Provider = "openai-compatible", Model = "m1", Endpoint = server.BaseUrl + "/v1" });
        await client.GetResponseAsync("hi");
        Assert.Equal($"Bearer {ChatClientFactory.PlaceholderKey}", Assert.Single(server.Requests).Headers["Authorization"]);
    }

    [Fact]
    public async Task AzureOpenAI_UsesTheV1PathAndTheApiKeyHeader()
    {
        using var server = new CannedHttpServer(200, OpenAIReply);
        var client = Create(new ModelOptions { Provider = "azure-openai", Model = "my-deployment", ApiKey = Key, Endpoint = server.BaseUrl });

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("hello from openai", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal("/openai/v1/chat/completions", request.Path);
        Assert.Equal(Key, request.Headers["api-key"]);
        Assert.Equal("my-deployment", BodyOf(request).GetProperty("model").GetString());
    }

    [Fact]
    public async Task Anthropic_PostsMessagesWithVersionHeaderAndKey_AndParsesTextAndUsage()
    {
        using var server = new CannedHttpServer(200, """
            {"id":"msg_1","type":"message","role":"assistant","content":[{"type":"text","text":"hello from claude"}],
             "model":"claude-test","stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":3,"output_tokens":5}}
            """);
        var client = Create(new ModelOptions { Provider = "anthropic", Model = "claude-test", ApiKey = Key, Endpoint = server.BaseUrl, MaxTokens = 321 });

        var response = await client.GetResponseAsync("Say hello");

        Assert.Equal("hello from claude", response.Text);
        Assert.Equal(3, response.Usage!.InputTokenCount);
        Assert.Equal(5, response.Usage.OutputTokenCount);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/v1/messages"), (request.Method, request.Path));
        // The official SDK (13.x) sends the key as a bearer credential; older versions used x-api-key.
        var sentKey = request.Headers.TryGetValue("x-api-key", out var apiKey) ? apiKey : request.Headers["Authorization"].Replace("Bearer ", "", StringComparison.Ordinal);
        Assert.Equal(Key, sentKey);
        Assert.False(string.IsNullOrEmpty(request.Headers["anthropic-version"]));
        var body = BodyOf(request);
        Assert.Equal("claude-test", body.GetProperty("model").GetString());
        Assert.Equal(321, body.GetProperty("max_tokens").GetInt32());
        Assert.Contains("Say hello", body.GetProperty("messages").ToString());
    }

    [Fact]
    public async Task Ollama_PostsApiChat_AndParsesTheStreamedReply()
    {
        using var server = new CannedHttpServer(200,
            """{"model":"llama3","created_at":"2026-01-01T00:00:00Z","message":{"role":"assistant","content":"hello "},"done":false}""" + "\n" +
            """{"model":"llama3","created_at":"2026-01-01T00:00:01Z","message":{"role":"assistant","content":"from ollama"},"done":true,"done_reason":"stop","prompt_eval_count":3,"eval_count":5}""" + "\n",
            "application/x-ndjson");
        var client = Create(new ModelOptions { Provider = "ollama", Model = "llama3", Endpoint = server.BaseUrl });

        var response = await client.GetResponseAsync("Say hello");

        Assert.Equal("hello from ollama", response.Text);
        var request = Assert.Single(server.Requests);
        Assert.Equal(("POST", "/api/chat"), (request.Method, request.Path));
        var body = BodyOf(request);
        Assert.Equal("llama3", body.GetProperty("model").GetString());
        Assert.Contains("Say hello", body.GetProperty("messages").ToString());
    }

    [Fact]
    public async Task OpenAICompatible_ToolCallReply_SurfacesAsFunctionCallWithArguments()
    {
        using var server = new CannedHttpServer(200, """
            {"id":"c2","object":"chat.completion","created":1700000000,"model":"m1",
             "choices":[{"index":0,"finish_reason":"tool_calls","message":{"role":"assistant","content":null,
               "tool_calls":[{"id":"call_1","type":"function","function":{"name":"double_it","arguments":"{\"x\":21}"}}]}}]}
            """);
        var client = Create(new ModelOptions { Provider = "openai-compatible", Model = "m1", Endpoint = server.BaseUrl + "/v1" });

        var response = await client.GetResponseAsync("double 21", new ChatOptions { Tools = [AIFunctionFactory.Create((int x) => x * 2, "double_it")] });

        var call = Assert.Single(response.Messages.SelectMany(m => m.Contents).OfType<FunctionCallContent>());
        Assert.Equal("double_it", call.Name);
        Assert.Equal("21", call.Arguments!["x"]!.ToString());
        Assert.Contains("double_it", BodyOf(Assert.Single(server.Requests)).GetProperty("tools").ToString());
    }

    [Theory]
    [InlineData("openai-compatible", "/v1")]
    [InlineData("anthropic", "")]
    public async Task Unauthorized_BecomesOneLineErrorWithStatusAndWithoutTheKey(string provider, string suffix)
    {
        using var server = new CannedHttpServer(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + Key + "\",\"type\":\"invalid_request_error\"}}");
        var client = Create(new ModelOptions { Provider = provider, Model = "m1", ApiKey = Key, Endpoint = server.BaseUrl + suffix });

        var ex = await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync("hi"));

        Assert.Contains(provider, ex.Message);
        Assert.Contains("401", ex.Message);
        Assert.DoesNotContain(Key, ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
    }

    [Fact]
    public async Task TransientStatuses_AreRetriedWithBackoff_ThenTheAnswerIsParsed()
    {
        using var server = new CannedHttpServer(200, OpenAIReply);
        server.Sequence.Enqueue((503, """{"error":{"message":"overloaded"}}"""));
        server.Sequence.Enqueue((429, """{"error":{"message":"slow down"}}"""));
        var client = Create(new ModelOptions { Provider = "openai-compatible", Model = "m1", Endpoint = server.BaseUrl + "/v1", RetryBaseDelay = TimeSpan.FromMilliseconds(5) });

        var response = await client.GetResponseAsync("hi");

        Assert.Equal("hello from openai", response.Text);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async Task PermanentStatus_IsNotRetried()
    {
        using var server = new CannedHttpServer(400, """{"error":{"message":"bad request"}}""");
        var client = Create(new ModelOptions { Provider = "openai-compatible", Model = "m1", Endpoint = server.BaseUrl + "/v1", RetryBaseDelay = TimeSpan.FromMilliseconds(5) });

        await Assert.ThrowsAsync<ModelProviderException>(() => client.GetResponseAsync("hi"));

        Assert.Single(server.Requests);
    }

    [Fact]
    public void Create_Offline_ReturnsNoClient() => Assert.Null(new ChatClientFactory().Create(new ModelOptions()));

    [Fact]
    public void Wrappers_StillAnswerChatClientMetadata()
    {
        var client = Create(new ModelOptions { Provider = "openai-compatible", Model = "m1", Endpoint = "http://127.0.0.1:9/v1" });
        Assert.NotNull(client.GetService<ChatClientMetadata>());
    }
}
