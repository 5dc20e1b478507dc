using AiVideo.Agents.Decisions;
using AiVideo.Agents.Scripts;
using AiVideo.Agents.Tests.Agents;
using AiVideo.Memory.Embeddings;
using AiVideo.Memory.Performance;
using AiVideo.Memory.Sqlite;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;

namespace AiVideo.Agents.Tests.Memory;

/// <summary>What the performance memory recalls reaches the writers: the model's prompt, and the deterministic writer's hook choice.</summary>
public sealed class MemoryFedIdeationTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    [Fact]
    public async Task Ideation_WithRecalledVideos_PromptCarriesTheirHooksNumbersAndReasons_NotOtherChannels()
    {
        var memory = await MemoryWithHistoryAsync();
        var context = await memory.RecallAsync(AgentFixtures.Channel.Id, "the moon is drifting away from the earth", default);
        var model = new ScriptedChatClient().ThenText(AgentFixtures.ValidScriptJson());

        await AgentFixtures.Ideation(model, new AgentDecisionList()).WriteAsync(new ScriptRequest(AgentFixtures.Brief, AgentFixtures.Channel) { Memory = context }, default);

        var prompt = model.Requests[0].AllText;
        Assert.Contains("<past_performance>", prompt);
        Assert.Contains("Lasers on the moon measure its drift. Here is what almost nobody tells you.", prompt);
        Assert.Contains("similar topic", prompt);
        Assert.Contains("best performer", prompt);
        Assert.Contains("worst performer", prompt);
        Assert.Contains("9000 views", prompt);
        Assert.Contains("Hook styles by mean score: curiosity", prompt);
        Assert.DoesNotContain("pasta", prompt, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void DeterministicWriter_WithMemory_ExploresUntriedStylesThenPrefersTheBestMeanScore()
    {
        var writer = new DeterministicScriptWriter();
        var someTried = new PerformanceContext { HookStyles = [new(HookStyles.Curiosity, 2, 900), new(HookStyles.Promise, 1, 100)] };
        var allTried = new PerformanceContext
        {
            HookStyles = DeterministicScriptWriter.HookTemplates.Select((t, i) => new HookStyleStat(t.Style, 1, t.Style == HookStyles.Shock ? 5000 : 100 + i)).ToList(),
        };

        var exploring = writer.Write(AgentFixtures.Brief, AgentFixtures.Channel, someTried);
        var exploiting = writer.Write(AgentFixtures.Brief, AgentFixtures.Channel, allTried);

        Assert.Equal(HookStyles.Shock, HookStyles.Classify(exploring.Hook)); // first untried in template order
        Assert.Equal(HookStyles.Shock, HookStyles.Classify(exploiting.Hook));
        var bestIsQuestion = allTried with { HookStyles = allTried.HookStyles.Select(s => s with { MeanScore = s.Style == HookStyles.Question ? 9999 : 1 }).ToList() };
        Assert.Equal(HookStyles.Question, HookStyles.Classify(writer.Write(AgentFixtures.Brief, AgentFixtures.Channel, bestIsQuestion).Hook));
    }

    [Fact]
    public void DeterministicWriter_EveryTemplate_ClassifiesAsItsOwnStyle()
    {
        foreach (var (style, template) in DeterministicScriptWriter.HookTemplates)
        {
            Assert.Equal(style, HookStyles.Classify(string.Format(System.Globalization.CultureInfo.InvariantCulture, template, "Honey never spoils")));
        }
    }

    private async Task<PerformanceMemory> MemoryWithHistoryAsync()
    {
        var db = _dir.Combine("aivideo.db");
        var embedder = new HashedNgramEmbeddingGenerator();
        var ledger = new PerformanceLedger(db);
        var memory = new PerformanceMemory(ledger, new SqliteVectorStore(db, embedder), "sqlite", embedder,
            new PerformanceMemoryOptions { Similar = 1, BestAndWorst = 1 }, TimeProvider.System);
        var at = new DateTimeOffset(2026, 10, 1, 18, 0, 0, TimeSpan.Zero);
        async Task AddAsync(string channel, string id, string topic, string hook, long views)
        {
            var video = new PublishedVideo
            {
                ChannelId = channel, Platform = "tiktok", ExternalId = id, Title = topic, Hook = hook, Topic = topic,
                HookStyle = HookStyles.Classify(hook), PostedAt = at,
            };
            await ledger.RecordAsync(new MetricsObservation { Platform = "tiktok", ExternalId = id, ObservedAt = at.AddDays(2), Views = views, AverageViewPercent = 50 }, video, "test", default);
        }
        await AddAsync(AgentFixtures.Channel.Id, "v1", "The moon is drifting away", "Lasers on the moon measure its drift. Here is what almost nobody tells you.", 9000);
        await AddAsync(AgentFixtures.Channel.Id, "v2", "Saturn could float in water", "Did you know this about Saturn?", 3000);
        await AddAsync(AgentFixtures.Channel.Id, "v3", "Comets and their tails", "Comets. Let me explain.", 200);
        await AddAsync("pasta-channel", "p1", "Cooking pasta al dente", "You won't believe this: pasta water.", 99999);
        return memory;
    }

    public void Dispose() => _dir.Dispose();
}
