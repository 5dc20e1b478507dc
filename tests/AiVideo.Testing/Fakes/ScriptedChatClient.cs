using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;

namespace AiVideo.Testing.Fakes;

/// <summary>
/// A fake model: answers each request with the next scripted step (text or tool calls) and records every request,
/// so tests can assert what reached the model. Answers <see cref="ChatClientMetadata"/> as Semantic Kernel requires.
/// A step may be a function of the request, to answer from what the model was actually sent.
/// </summary>
public sealed class ScriptedChatClient : IChatClient
{
    private readonly Queue<Func<IReadOnlyList<ChatMessage>, ChatResponse>> _steps = new();
    private readonly object _gate = new();
    private readonly List<ScriptedRequest> _requests = [];

    public ScriptedChatClient(string provider = "scripted", string model = "fake-model")
    {
        Metadata = new ChatClientMetadata(provider, null, model);
    }

    public ChatClientMetadata Metadata { get; }

    /// <summary>What to answer once the script has run out; null throws, so a test sees an unexpected extra call.</summary>
    public Func<IReadOnlyList<ChatMessage>, ChatResponse>? WhenExhausted { get; set; }

    public IReadOnlyList<ScriptedRequest> Requests
    {
        get { lock (_gate) return _requests.ToList(); }
    }

    public ScriptedChatClient ThenText(string text, int inputTokens = 10, int outputTokens = 20) =>
        Then(_ => Text(text, inputTokens, outputTokens));

    public ScriptedChatClient ThenToolCall(string functionName, IDictionary<string, object?> arguments, string? callId = null) =>
        Then(_ => new ChatResponse(new ChatMessage(ChatRole.Assistant,
            [new FunctionCallContent(callId ?? $"call-{Guid.NewGuid():N}", functionName, arguments)])));

    public ScriptedChatClient Then(Func<IReadOnlyList<ChatMessage>, ChatResponse> step)
    {
        lock (_gate) _steps.Enqueue(step);
        return this;
    }

    public static ChatResponse Text(string text, int inputTokens = 10, int outputTokens = 20) =>
        new(new ChatMessage(ChatRole.Assistant, text))
        {
            Usage = new UsageDetails { InputTokenCount = inputTokens, OutputTokenCount = outputTokens, TotalTokenCount = inputTokens + outputTokens },
        };

    public Task<ChatResponse> GetResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var list = messages.ToList();
        Func<IReadOnlyList<ChatMessage>, ChatResponse> step;
        lock (_gate)
        {
            _requests.Add(new ScriptedRequest(list, options?.Tools?.Select(t => t.Name).ToList() ?? [], options));
            step = _steps.Count > 0
                ? _steps.Dequeue()
                : WhenExhausted ?? throw new InvalidOperationException($"the scripted model has no answer left for request #{_requests.Count}");
        }
        return Task.FromResult(step(list));
    }

    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(IEnumerable<ChatMessage> messages, ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (var update in response.ToChatResponseUpdates())
        {
            // Split text into word-sized updates, as a streaming provider would.
            if (update.Contents is [TextContent { Text: { Length: > 0 } text }])
            {
                foreach (var piece in SplitKeepingSpaces(text))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    yield return new ChatResponseUpdate(ChatRole.Assistant, piece) { MessageId = update.MessageId };
                }
                continue;
            }
            yield return update;
        }
    }

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        serviceType == typeof(ChatClientMetadata) ? Metadata
        : serviceType.IsInstanceOfType(this) ? this
        : null;

    public void Dispose()
    {
    }

    private static IEnumerable<string> SplitKeepingSpaces(string text)
    {
        var start = 0;
        for (var i = 1; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == ' ')
            {
                yield return text[start..i];
                start = i;
            }
        }
    }
}

/// <summary>One request the scripted model received.</summary>
public sealed record ScriptedRequest(IReadOnlyList<ChatMessage> Messages, IReadOnlyList<string> ToolNames, ChatOptions? Options)
{
    /// <summary>All text the model was sent, system prompt and tool results included.</summary>
    public string AllText => string.Join("\n", Messages.SelectMany(m => m.Contents).Select(c => c switch
    {
        TextContent t => t.Text,
        FunctionResultContent r => r.Result?.ToString() ?? "",
        FunctionCallContent f => f.Name,
        _ => "",
    }));
}
