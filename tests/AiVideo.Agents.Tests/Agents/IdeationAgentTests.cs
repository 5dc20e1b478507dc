using AiVideo.Agents.Decisions;
using AiVideo.Agents.Ideation;
using AiVideo.Agents.Scripts;
using AiVideo.Testing.Fakes;

namespace AiVideo.Agents.Tests.Agents;

public class IdeationAgentTests
{
    private readonly AgentDecisionList _decisions = new();

    [Fact]
    public async Task Write_ValidAnswerInFences_ReturnsTheScriptAndRecordsTheDecisionWithTokens()
    {
        var model = new ScriptedChatClient().ThenText("Here you go:\n```json\n" + AgentFixtures.ValidScriptJson() + "\n```", 300, 200);
        var json = await AgentFixtures.Ideation(model, _decisions).WriteAsync(new ScriptRequest(AgentFixtures.Brief, AgentFixtures.Channel) { TrendNotes = "lunar laser ranging is trending" }, default);

        Assert.Equal(AgentFixtures.ValidScriptJson(), json);
        var prompt = model.Requests[0].AllText;
        Assert.Contains("3.8 centimetres", prompt);
        Assert.Contains("lunar laser ranging is trending", prompt);
        Assert.Contains("\"hook\"", prompt); // the schema is in the prompt
        var decision = Assert.Single(_decisions.Decisions);
        Assert.Equal(("ideation", "accepted", 300L, 200L), (decision.Agent, decision.Verdict, decision.InputTokens!.Value, decision.OutputTokens!.Value));
    }

    [Fact]
    public async Task Write_InvalidThenValid_RepairTurnQuotesTheValidationErrors()
    {
        var misspelled = AgentFixtures.ValidScriptJson().Replace("NASA", "Nasa", StringComparison.Ordinal);
        var model = new ScriptedChatClient().ThenText("{ not json").ThenText(misspelled).ThenText(AgentFixtures.ValidScriptJson());

        var json = await AgentFixtures.Ideation(model, _decisions).WriteAsync(new ScriptRequest(AgentFixtures.Brief, AgentFixtures.Channel), default);

        Assert.Equal(AgentFixtures.ValidScriptJson(), json);
        Assert.Equal(3, model.Requests.Count);
        Assert.Contains("failed validation", model.Requests[1].Messages[^1].Text);
        Assert.Contains("schema", model.Requests[1].Messages[^1].Text);
        Assert.Contains("NASA", model.Requests[2].Messages[^1].Text);
        Assert.Equal("accepted after 2 repair(s)", Assert.Single(_decisions.Decisions).Verdict);
    }

    [Fact]
    public async Task Write_StaysInvalidAfterTwoRepairs_GivesUpWithTheErrors()
    {
        var model = new ScriptedChatClient().ThenText("{}").ThenText("{}").ThenText("{}");

        var ex = await Assert.ThrowsAsync<ScriptRejectedException>(() =>
            AgentFixtures.Ideation(model, _decisions).WriteAsync(new ScriptRequest(AgentFixtures.Brief, AgentFixtures.Channel), default));

        Assert.Equal(IdeationAgent.MaxRepairTurns + 1, model.Requests.Count);
        Assert.Contains("schema", ex.Message);
        Assert.NotEmpty(ex.Errors);
        Assert.Equal("dead_lettered", Assert.Single(_decisions.Decisions).Verdict);
    }

    [Fact]
    public async Task Write_RevisionRequest_PromptCarriesTheReviewersReasonsAndThePreviousScript()
    {
        var model = new ScriptedChatClient().ThenText(AgentFixtures.ValidScriptJson());
        var request = new ScriptRequest(AgentFixtures.Brief, AgentFixtures.Channel)
        {
            RevisionReasons = ["hook is too vague"],
            PreviousScript = AgentFixtures.ValidScript(),
        };

        await AgentFixtures.Ideation(model, _decisions).WriteAsync(request, default);

        Assert.Contains("hook is too vague", model.Requests[0].AllText);
        Assert.Contains("Previous script", model.Requests[0].AllText);
    }
}
