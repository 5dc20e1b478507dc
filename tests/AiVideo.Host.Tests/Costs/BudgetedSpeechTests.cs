using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Core.Workspace;
using AiVideo.Host.Costs;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Runs.Store;
using AiVideo.Host.Tests.Pipeline;
using AiVideo.Testing;

namespace AiVideo.Host.Tests.Costs;

/// <summary>A narration by a paid voice goes through the run's ledger like render_shot: quote (dryRun) → reserve → call → settle.</summary>
public sealed class BudgetedSpeechTests : IDisposable
{
    private const string Text = "Honey never spoils.";
    private readonly TempDirectory _dir = new();
    private readonly RunStore _store;
    private readonly PricedSpeechTools _priced;

    public BudgetedSpeechTests()
    {
        _store = RunStore.ForOutput(_dir.Combine("out"));
        _priced = new PricedSpeechTools(new FakeMediaTools(new ArtifactWorkspace(_dir.Combine("ws"))));
    }

    public void Dispose() => _dir.Dispose();

    private static readonly VoiceSettings ElevenLabs = new() { Provider = VoiceProviderNames.ElevenLabs, Id = "voice-abc" };

    private BudgetedMediaTools Tools(decimal videoCap, ISpeechQuoter? quoter) =>
        new(_priced, new SpendingGuard(_store, new BudgetScope("run1", "c1", new BudgetCaps { MaxCostUsdPerVideo = videoCap }), TimeProvider.System), quoter);

    [Fact]
    public async Task Synthesize_PaidVoiceWithinTheCap_QuotedReservedAndSettledWithTheActualCost()
    {
        _priced.Quote = 0.05m;
        _priced.Actual = 0.04m;

        var result = await Tools(videoCap: 1, _priced).SynthesizeAsync(Text, ElevenLabs, "runs/run1/narration.wav", CancellationToken.None);

        Assert.Equal((1, 1), (_priced.Quotes, _priced.Calls));
        Assert.Equal(0.04m, result.CostUsd);
        var (provider, totals) = Assert.Single(_store.RunCosts("run1"));
        Assert.Equal(("elevenlabs", 1, 0.05m, 0.04m, 0m), (provider, totals.Calls, totals.EstimatedUsd, totals.ActualUsd, totals.ReservedOpenUsd));
        Assert.Equal(0.04m, _store.RunActualCost("run1"));
    }

    [Fact]
    public async Task Synthesize_PaidVoiceOverTheCap_RefusedWithoutCallingTheVoice()
    {
        _priced.Quote = 0.50m;

        var ex = await Assert.ThrowsAsync<BudgetExceededException>(() => Tools(videoCap: 0.10m, _priced).SynthesizeAsync(Text, ElevenLabs, "runs/run1/narration.wav", CancellationToken.None));

        Assert.Equal(("synthesize_speech", "elevenlabs"), (ex.Tool, ex.Provider));
        Assert.Equal(0, _priced.Calls);
        Assert.Equal(1, Assert.Single(_store.RunCosts("run1")).Totals.Refused);
        Assert.Equal(0m, _store.RunActualCost("run1"));
    }

    [Fact]
    public async Task Synthesize_ReusedNarration_SettlesZero()
    {
        _priced.Quote = 0m;
        _priced.Actual = 0.04m;
        _priced.Reused = true;

        await Tools(videoCap: 1, _priced).SynthesizeAsync(Text, ElevenLabs, "runs/run1/narration.wav", CancellationToken.None);

        Assert.Equal(0m, _store.RunActualCost("run1"));
    }

    [Fact]
    public async Task Synthesize_Espeak_IsFree_NoQuoteAndNoLedgerRow()
    {
        await Tools(videoCap: 0, _priced).SynthesizeAsync(Text, new VoiceSettings(), "runs/run1/narration.wav", CancellationToken.None);

        Assert.Equal((0, 1), (_priced.Quotes, _priced.Calls));
        Assert.Empty(_store.RunCosts("run1"));
    }

    [Fact]
    public async Task Synthesize_PaidVoiceWithoutAQuoter_RefusedRatherThanPaidOutsideTheLedger()
    {
        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => Tools(videoCap: 1, quoter: null).SynthesizeAsync(Text, ElevenLabs, "n.wav", CancellationToken.None));

        Assert.Contains("elevenlabs", ex.Message);
        Assert.Equal(0, _priced.Calls);
    }

    [Fact]
    public void SpeechArguments_CarryProviderModelAndSettingsFlat_DryRunOnlyWhenQuoting()
    {
        var voice = new VoiceSettings { Provider = "openai", Id = "alloy", Model = "tts-1", Settings = new VoiceTuning { Speed = 1.2, Instructions = "calm" } };

        var real = McpMediaTools.SpeechArguments(Text, voice, "n.wav", dryRun: false);
        var quote = McpMediaTools.SpeechArguments(Text, voice, "n.wav", dryRun: true);

        Assert.Equal(("openai", "alloy", "tts-1", 1.2, "calm"), (real["provider"], real["voiceId"], real["model"], real["speed"], real["instructions"]));
        Assert.False(real.ContainsKey("dryRun"));
        Assert.False(real.ContainsKey("stability"));
        Assert.Equal(true, quote["dryRun"]);
    }

    /// <summary>A voice with a price: quotes and calls counted, the result carrying <see cref="Actual"/>.</summary>
    private sealed class PricedSpeechTools(IMediaTools inner) : DelegatingMediaTools(inner), ISpeechQuoter
    {
        public decimal Quote { get; set; }
        public decimal Actual { get; set; }
        public bool Reused { get; set; }
        public int Quotes { get; private set; }
        public int Calls { get; private set; }

        public Task<CostQuote> QuoteSpeechAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken)
        {
            Quotes++;
            return Task.FromResult(new CostQuote(voice.Provider, Quote));
        }

        public override async Task<SpeechToolResult> SynthesizeAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken)
        {
            Calls++;
            var result = await Inner.SynthesizeAsync(text, voice, outputPath, cancellationToken);
            return result with { Provider = voice.Provider, CostUsd = Actual, Reused = Reused };
        }
    }
}
