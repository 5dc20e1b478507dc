using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;

namespace AiVideo.Agents.Roles;

/// <summary>
/// A role agent on Semantic Kernel: instructions, a <see cref="Kernel"/> holding only the plugins this role may use,
/// its own chat history, streamed and non-streamed turns with automatic function invocation, a cap on tool-call
/// rounds per turn, and cancellation. (SK's Agents packages are not available here; this is the small part we need.)
/// </summary>
public sealed class RoleAgent
{
    private readonly IChatCompletionService _chat;
    private readonly Kernel _kernel;
    private readonly ToolCallFilter _tools;
    private readonly string? _modelId;

    public RoleAgent(RoleAgentDefinition definition, IChatClient chatClient, Kernel kernel, IToolCallObserver? observer = null)
    {
        Definition = definition.Validate();
        ArgumentNullException.ThrowIfNull(chatClient);
        _kernel = kernel;
        _tools = new ToolCallFilter(definition.Name, definition.MaxToolRounds, observer ?? NullToolCallObserver.Instance);
        _kernel.AutoFunctionInvocationFilters.Add(_tools);
        _modelId = chatClient.GetService<ChatClientMetadata>()?.DefaultModelId;

        var pipeline = new ChatClientBuilder(chatClient).UseKernelFunctionInvocation().Build();
        if (pipeline.GetService<FunctionInvokingChatClient>() is { } invoking)
        {
            // One extra iteration lets the model answer after its last permitted round.
            invoking.MaximumIterationsPerRequest = definition.MaxToolRounds + 1;
            invoking.IncludeDetailedErrors = true;
        }
        _chat = pipeline.AsChatCompletionService();
        History = new ChatHistory(definition.Instructions);
    }

    public RoleAgentDefinition Definition { get; }

    public string Name => Definition.Name;

    public string? ModelId => _modelId;

    public ChatHistory History { get; }

    /// <summary>Plugin-qualified names of the functions this agent may call.</summary>
    public IReadOnlyList<string> ToolNames =>
        _kernel.Plugins.SelectMany(p => p.Select(f => $"{p.Name}.{f.Name}")).Order(StringComparer.Ordinal).ToList();

    /// <summary>Forgets the conversation (instructions stay).</summary>
    public void Reset()
    {
        History.Clear();
        History.AddSystemMessage(Definition.Instructions);
    }

    /// <summary>One turn: the message is added to the history, tools run as the model asks, the answer is returned.</summary>
    public async Task<AgentTurn> InvokeAsync(string message, AgentTurnOptions? options = null, CancellationToken cancellationToken = default)
    {
        History.AddUserMessage(message);
        _tools.ResetTurn();
        var reply = await _chat.GetChatMessageContentAsync(History, Settings(options), _kernel, cancellationToken).ConfigureAwait(false);
        var text = reply.Content ?? "";
        History.AddAssistantMessage(text);
        var usage = reply.Metadata is not null && reply.Metadata.TryGetValue("Usage", out var u) ? u as UsageDetails : null;
        return new AgentTurn(text, usage?.InputTokenCount, usage?.OutputTokenCount, _tools.Calls, _tools.CapReached);
    }

    /// <summary>One streamed turn: text deltas as they arrive, then a final update carrying the whole turn.</summary>
    public async IAsyncEnumerable<AgentStreamUpdate> InvokeStreamingAsync(string message, AgentTurnOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        History.AddUserMessage(message);
        _tools.ResetTurn();
        var text = new StringBuilder();
        UsageDetails? usage = null;
        await foreach (var update in _chat.GetStreamingChatMessageContentsAsync(History, Settings(options), _kernel, cancellationToken).ConfigureAwait(false))
        {
            if (update.Metadata is not null && update.Metadata.TryGetValue("Usage", out var u) && u is UsageDetails details) usage = details;
            if (string.IsNullOrEmpty(update.Content)) continue;
            text.Append(update.Content);
            yield return new AgentStreamUpdate(update.Content);
        }
        History.AddAssistantMessage(text.ToString());
        yield return new AgentStreamUpdate(null, new AgentTurn(text.ToString(), usage?.InputTokenCount, usage?.OutputTokenCount, _tools.Calls, _tools.CapReached));
    }

    private PromptExecutionSettings Settings(AgentTurnOptions? options)
    {
        var settings = new PromptExecutionSettings();
        if (_kernel.Plugins.Count > 0 && options?.AllowTools != false)
        {
            settings.FunctionChoiceBehavior = FunctionChoiceBehavior.Auto();
        }
        if (options?.JsonOutput == true)
        {
            // SK maps this to ChatResponseFormat.Json; the schema itself is in the prompt and every answer is validated.
            settings.ExtensionData = new Dictionary<string, object> { ["response_format"] = "json_object" };
        }
        return settings;
    }
}

/// <summary>Per-turn switches.</summary>
public sealed record AgentTurnOptions(bool JsonOutput = false, bool AllowTools = true);
