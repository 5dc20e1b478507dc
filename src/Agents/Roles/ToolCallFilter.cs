using System.Text.Json;
using Microsoft.SemanticKernel;

namespace AiVideo.Agents.Roles;

/// <summary>
/// Watches the functions a model invokes during one agent's turns: tells the observer, counts rounds, turns a tool's
/// exception into an error result the model can read (one line, no stack trace), and stops the turn's function
/// calling once the agent's round cap is reached.
/// </summary>
internal sealed class ToolCallFilter(string agent, int maxRounds, IToolCallObserver observer) : IAutoFunctionInvocationFilter
{
    private int _calls;
    private int _highestRound = -1;

    public int Calls => Volatile.Read(ref _calls);

    public bool CapReached { get; private set; }

    public void ResetTurn()
    {
        _calls = 0;
        _highestRound = -1;
        CapReached = false;
    }

    public async Task OnAutoFunctionInvocationAsync(AutoFunctionInvocationContext context, Func<AutoFunctionInvocationContext, Task> next)
    {
        var tool = $"{context.Function.PluginName}.{context.Function.Name}";
        _highestRound = Math.Max(_highestRound, context.RequestSequenceIndex);
        if (context.RequestSequenceIndex >= maxRounds)
        {
            CapReached = true;
            context.Result = new FunctionResult(context.Function, $"error: tool-call limit of {maxRounds} rounds reached for this turn; answer with what you have");
            context.Terminate = true;
            observer.ToolCalled(agent, tool, false, "not called: tool-call round limit reached");
            return;
        }
        Interlocked.Increment(ref _calls);
        observer.ToolCalling(agent, tool, ShortText.Of(ArgumentsJson(context.Arguments), 120));
        try
        {
            await next(context).ConfigureAwait(false);
            var text = context.Result.GetValue<object>() is { } value ? ResultText(value) : "";
            observer.ToolCalled(agent, tool, !LooksLikeToolError(text), ShortText.Of(text, 160));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            var message = ShortText.Of(ex.Message, 300);
            context.Result = new FunctionResult(context.Function, $"error: {message}");
            observer.ToolCalled(agent, tool, false, message);
        }
    }

    private static string ArgumentsJson(KernelArguments? arguments) =>
        arguments is null ? "{}" : JsonSerializer.Serialize(arguments.ToDictionary(kv => kv.Key, kv => kv.Value?.ToString()));

    private static string ResultText(object value) => value switch
    {
        string s => s,
        JsonElement e => e.GetRawText(),
        _ => JsonSerializer.Serialize(value),
    };

    /// <summary>MCP tool errors come back as results flagged isError, not as exceptions.</summary>
    private static bool LooksLikeToolError(string text) =>
        text.Contains("\"isError\":true", StringComparison.Ordinal) || text.StartsWith("error:", StringComparison.OrdinalIgnoreCase);
}
