using AiVideo.Agents.Scripts;
using AiVideo.Core.Channels;
using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using AiVideo.Core.Scripts;

namespace AiVideo.Agents.Tests.Scripts;

public class DeterministicScriptWriterTests
{
    private static readonly ChannelProfile Channel = new()
    {
        Id = "space", Name = "Orbit Minute", Niche = "space facts", BrandWords = ["Orbit Minute"], Hashtags = ["#space"],
    };

    private static readonly Brief Brief = new("The Moon is leaving", ["It drifts four centimetres a year.", "Tides cause it."], null, ["#moon"]);

    [Fact]
    public async Task Write_ProducesSchemaValidScript_WithOneShotPerFact()
    {
        var json = await new DeterministicScriptWriter().WriteAsync(new ScriptRequest(Brief, Channel), CancellationToken.None);
        var validation = new VideoScriptSchema().Validate(json);
        Assert.True(validation.IsValid, string.Join("; ", validation.Errors));
        var script = validation.Script!;
        Assert.Equal(2, script.Shots.Count);
        Assert.Equal(script.Shots.Select(s => s.Id), script.Beats.Select(b => b.ShotId));
        Assert.Contains("The Moon is leaving", script.Hook);
        Assert.Equal("Follow Orbit Minute for more.", script.Cta);
        Assert.Contains("#moon", script.Hashtags);
        Assert.Contains("#space", script.Hashtags);
    }

    [Fact]
    public async Task Write_SameInputs_SameJson()
    {
        var writer = new DeterministicScriptWriter();
        Assert.Equal(await writer.WriteAsync(new ScriptRequest(Brief, Channel), default), await writer.WriteAsync(new ScriptRequest(Brief, Channel), default));
    }

    [Fact]
    public void Write_PlansShotLengthFromSpeakingRate()
    {
        var slow = new DeterministicScriptWriter().Write(Brief, Channel with { Voice = new VoiceSettings { Rate = 100 } });
        var fast = new DeterministicScriptWriter().Write(Brief, Channel with { Voice = new VoiceSettings { Rate = 300 } });
        Assert.True(slow.Shots.Sum(s => s.DurationSec) > fast.Shots.Sum(s => s.DurationSec) * 2);
    }

    [Theory]
    [InlineData("space-facts.json", "moon-drift.md")]
    [InlineData("space-facts.json", "webb-first-light.md")]
    [InlineData("kitchen-science.json", "why-pasta-water-boils-over.md")]
    public async Task Samples_PassTheScriptGate_AndPlan30To60Seconds(string channelFile, string briefFile)
    {
        var root = RepoRoot();
        var channel = new ChannelProfileLoader().Load(Path.Combine(root, "samples", "channels", channelFile));
        var brief = new BriefParser().Load(Path.Combine(root, "samples", "briefs", briefFile));
        var json = await new DeterministicScriptWriter().WriteAsync(new ScriptRequest(brief, channel), default);
        var results = new ScriptGate().Evaluate(json, channel, out var script);
        Assert.All(results, r => Assert.True(r.Passed, r.Reason));
        Assert.InRange(script!.Shots.Sum(s => s.DurationSec), 30, 60);
    }

    private static string RepoRoot() => AiVideo.Testing.RepoPaths.Root;
}
