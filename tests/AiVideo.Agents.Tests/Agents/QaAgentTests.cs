using AiVideo.Agents.Decisions;
using AiVideo.Agents.Review;
using AiVideo.Agents.Scripts;
using AiVideo.Core.Domain;
using AiVideo.Testing.Fakes;

namespace AiVideo.Agents.Tests.Agents;

public class QaAgentTests
{
    private readonly AgentDecisionList _decisions = new();
    private static ScriptRequest Request => new(AgentFixtures.Brief, AgentFixtures.Channel);

    [Theory]
    [InlineData("""{"verdict":"pass","reasons":[]}""", QaVerdictKind.Pass)]
    [InlineData("""Sure. {"verdict":"revise","reasons":["hook is generic"]}""", QaVerdictKind.Revise)]
    [InlineData("""{"verdict":"REJECT","reasons":["claims a miracle cure"]}""", QaVerdictKind.Reject)]
    public async Task ReviewScript_Verdicts_AreParsedAndRecorded(string answer, QaVerdictKind expected)
    {
        var verdict = await AgentFixtures.Qa(new ScriptedChatClient().ThenText(answer), _decisions).ReviewScriptAsync(AgentFixtures.ValidScript(), Request, default);
        Assert.Equal(expected, verdict.Kind);
        Assert.Equal(verdict.Label, Assert.Single(_decisions.Decisions).Verdict);
    }

    [Fact]
    public async Task ReviewScript_PromptHoldsTheBriefFactsAndTheScript()
    {
        var model = new ScriptedChatClient().ThenText("""{"verdict":"pass"}""");
        await AgentFixtures.Qa(model, _decisions).ReviewScriptAsync(AgentFixtures.ValidScript(), Request, default);
        Assert.Contains("<brief>", model.Requests[0].AllText);
        Assert.Contains("3.8 centimetres", model.Requests[0].AllText);
        Assert.Contains(AgentFixtures.ValidScript().Hook, model.Requests[0].AllText);
    }

    [Fact]
    public async Task ReviewScript_NoVerdictTwice_CountsAsRejectWithTheReason()
    {
        var model = new ScriptedChatClient().ThenText("looks fine to me").ThenText("""{"verdict":"maybe"}""");
        var verdict = await AgentFixtures.Qa(model, _decisions).ReviewScriptAsync(AgentFixtures.ValidScript(), Request, default);
        Assert.Equal(QaVerdictKind.Reject, verdict.Kind);
        Assert.Contains("no valid verdict", verdict.Reasons[0]);
        Assert.Equal(2, model.Requests.Count);
    }

    [Fact]
    public async Task ReviewScript_ReviseWithoutReasons_IsRepaired()
    {
        var model = new ScriptedChatClient().ThenText("""{"verdict":"revise","reasons":[]}""").ThenText("""{"verdict":"revise","reasons":["shorter hook"]}""");
        var verdict = await AgentFixtures.Qa(model, _decisions).ReviewScriptAsync(AgentFixtures.ValidScript(), Request, default);
        Assert.Equal(["shorter hook"], verdict.Reasons);
    }

    [Fact]
    public async Task ReviewVideo_PromptListsEveryGate()
    {
        var model = new ScriptedChatClient().ThenText("""{"verdict":"pass"}""");
        GateResult[] gates = [GateResult.Pass("qa.caption_sync", "worst 9 ms"), GateResult.Fail("qa.format", "wrong size")];
        await AgentFixtures.Qa(model, _decisions).ReviewVideoAsync(AgentFixtures.ValidScript(), gates, 31.5, default);
        Assert.Contains("qa.caption_sync: passed", model.Requests[0].AllText);
        Assert.Contains("qa.format: FAILED", model.Requests[0].AllText);
    }
}
