using AiVideo.Agents.Roles;
using AiVideo.Testing.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.SemanticKernel;
using FunctionCallContent = Microsoft.Extensions.AI.FunctionCallContent;
using FunctionResultContent = Microsoft.Extensions.AI.FunctionResultContent;

namespace AiVideo.Agents.Tests.Roles;

public class RoleAgentTests
{
    private sealed class RecordingObserver : IToolCallObserver
    {
        public List<string> Events { get; } = [];
        public void ToolCalling(string agent, string tool, string shortArguments) => Events.Add($"call {agent} {tool} {shortArguments}");
        public void ToolCalled(string agent, string tool, bool succeeded, string shortOutcome) => Events.Add($"done {tool} {succeeded} {shortOutcome}");
    }

    private static Kernel KernelWith(Func<int, int> doubleIt)
    {
        var kernel = new Kernel();
        kernel.Plugins.AddFromFunctions("math", [KernelFunctionFactory.CreateFromMethod((int x) => doubleIt(x), "double_it", "Doubles a number")]);
        return kernel;
    }

    [Fact]
    public async Task Invoke_ModelCallsATool_ToolRunsAndItsResultReachesTheModel()
    {
        var calls = 0;
        var model = new ScriptedChatClient()
            .ThenToolCall("math_double_it", new Dictionary<string, object?> { ["x"] = 21 })
            .Then(request => ScriptedChatClient.Text(request.Any(m => m.Contents.OfType<FunctionResultContent>().Any(r => r.Result?.ToString() == "42")) ? "It is 42." : "no result seen"));
        var observer = new RecordingObserver();
        var agent = new RoleAgent(new RoleAgentDefinition("helper", "Be brief."), model, KernelWith(x => { calls++; return x * 2; }), observer);

        var turn = await agent.InvokeAsync("Double 21.");

        Assert.Equal("It is 42.", turn.Text);
        Assert.Equal(1, calls);
        Assert.Equal(1, turn.ToolCalls);
        Assert.False(turn.ToolRoundCapReached);
        Assert.Equal(["call helper math.double_it {\"x\":\"21\"}", "done math.double_it True 42"], observer.Events);
        Assert.Equal(["math_double_it"], model.Requests[0].ToolNames);
        Assert.Equal(ChatRole.System, model.Requests[0].Messages[0].Role);
        Assert.Equal("Be brief.", model.Requests[0].Messages[0].Text);
    }

    [Fact]
    public async Task Invoke_ModelNeverStopsCallingTools_TurnEndsAtTheRoundCap()
    {
        var calls = 0;
        var model = new ScriptedChatClient
        {
            WhenExhausted = _ => new ChatResponse(new ChatMessage(ChatRole.Assistant,
                [new FunctionCallContent(Guid.NewGuid().ToString("N"), "math_double_it", new Dictionary<string, object?> { ["x"] = 1 })])),
        };
        var agent = new RoleAgent(new RoleAgentDefinition("looper", "Loop.", MaxToolRounds: 2), model, KernelWith(x => { calls++; return x; }));

        var turn = await agent.InvokeAsync("go");

        Assert.Equal(2, calls);
        Assert.True(turn.ToolRoundCapReached);
        Assert.True(model.Requests.Count <= 4, $"{model.Requests.Count} model requests for a cap of 2 rounds");
    }

    [Fact]
    public async Task Invoke_ToolThrows_ModelSeesOneLineErrorAndObserverSeesFailure()
    {
        var model = new ScriptedChatClient()
            .ThenToolCall("math_double_it", new Dictionary<string, object?> { ["x"] = 5 })
            .Then(request => ScriptedChatClient.Text(string.Join("|", request.SelectMany(m => m.Contents.OfType<FunctionResultContent>()).Select(r => r.Result?.ToString()))));
        var observer = new RecordingObserver();
        var agent = new RoleAgent(new RoleAgentDefinition("helper", "x"), model, KernelWith(_ => throw new InvalidOperationException("disk full\nat line 3")), observer);

        var turn = await agent.InvokeAsync("go");

        Assert.Contains("disk full", turn.Text);
        Assert.DoesNotContain("\n", turn.Text);
        Assert.Contains(observer.Events, e => e.StartsWith("done math.double_it False", StringComparison.Ordinal));
    }

    [Fact]
    public async Task InvokeStreaming_YieldsTextPiecesThenTheCompletedTurnAndKeepsHistory()
    {
        var model = new ScriptedChatClient().ThenText("three word answer").ThenText("second");
        var agent = new RoleAgent(new RoleAgentDefinition("streamer", "x"), model, new Kernel());

        var updates = new List<AgentStreamUpdate>();
        await foreach (var u in agent.InvokeStreamingAsync("hi")) updates.Add(u);
        await agent.InvokeAsync("again");

        Assert.True(updates.Count(u => u.TextDelta is not null) >= 3);
        Assert.Equal("three word answer", string.Concat(updates.Select(u => u.TextDelta)));
        Assert.Equal("three word answer", updates[^1].Completed!.Text);
        var second = model.Requests[1].Messages;
        Assert.Equal(["system", "user", "assistant", "user"], second.Select(m => m.Role.Value));
        Assert.Equal("three word answer", second[2].Text);
    }

    [Fact]
    public async Task Invoke_ProviderReportsUsage_TurnCarriesTokens()
    {
        var agent = new RoleAgent(new RoleAgentDefinition("t", "x"), new ScriptedChatClient().ThenText("ok", inputTokens: 123, outputTokens: 45), new Kernel());
        var turn = await agent.InvokeAsync("hi");
        Assert.Equal(123, turn.InputTokens);
        Assert.Equal(45, turn.OutputTokens);
    }

    [Fact]
    public async Task Invoke_Cancelled_Throws()
    {
        var agent = new RoleAgent(new RoleAgentDefinition("t", "x"), new ScriptedChatClient().ThenText("never"), new Kernel());
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => agent.InvokeAsync("hi", cancellationToken: cts.Token));
    }

    [Fact]
    public void ToolNames_ListOnlyThePluginsInTheAgentsKernel()
    {
        var agent = new RoleAgent(new RoleAgentDefinition("t", "x"), new ScriptedChatClient(), KernelWith(x => x));
        Assert.Equal(["math.double_it"], agent.ToolNames);
    }
}
