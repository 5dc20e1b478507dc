using AiVideo.Agents.Scripts;
using AiVideo.Contracts;
using AiVideo.Core.Domain;
using AiVideo.Core.Gates;
using AiVideo.Core.Workspace;
using AiVideo.Host.Mcp;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Pipeline.Executors;
using AiVideo.Media.Processes;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.EndToEnd.Tests;

/// <summary>
/// QA over the real MCP servers on a real small video (540x960, readable by OCR; espeak narration; the sample music track
/// staged into the workspace and ducked under the voice): the concurrent QA pass decides exactly what the same checks
/// decide when every measurement runs alone, one after another.
/// </summary>
public class QaConcurrencyTests : IAsyncLifetime
{
    private readonly TempDirectory _dir = new("aivideo-qa");
    private McpToolbox _toolbox = null!;

    public async Task InitializeAsync()
    {
        var environment = new Dictionary<string, string> { [ArtifactWorkspace.EnvironmentVariable] = _dir.Combine("ws"), ["AIVIDEO_OUT"] = _dir.Combine("out") };
        _toolbox = await McpToolbox.StartAsync(new McpServerCatalog(TestMcpConfig.Write(_dir)), environment, NullLoggerFactory.Instance, [McpToolbox.Render, McpToolbox.Voice], default);
    }

    [Fact]
    public async Task QaChecks_Concurrent_DecideExactlyAsSequential()
    {
        var workspace = new ArtifactWorkspace(_dir.Combine("ws"));
        var tools = new McpMediaTools(_toolbox);
        var channel = new ChannelProfile
        {
            Id = "qa-e2e", Name = "QA", Niche = "space", BrandWords = ["Orbit Minute"],
            Music = new MusicSettings { Path = RepoPaths.Samples("music", "tracks") },
        };
        var script = new VideoScript
        {
            Title = "Moon", Hook = "The Moon is leaving us.", Cta = "Follow Orbit Minute.",
            Beats = [new ScriptBeat("It drifts four centimetres every year.", "s1")], Shots = [new ShotSpec("s1", "the moon over the sea", 3)],
        };
        var run = new RunContext("qa-e2e-run", channel, new Brief("Moon", [], null, []), new VideoSize(540, 960), 24, 1);

        var speech = await tools.SynthesizeAsync(script.NarrationText, channel.Voice, run.Artifact("narration.wav"), default);
        var narration = new Narration(speech.AudioPath, speech.DurationSec, speech.VoiceId, speech.Words);
        var clip = workspace.ResolveForWrite(run.Artifact("shots/s1.mp4"));
        await new ProcessRunner().RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "color=c=navy:s=270x480:d=1:r=24", "-c:v", "libx264", "-pix_fmt", "yuv420p", clip], default);
        var music = await new MusicTrackStager(workspace).StageAsync(run, default);
        var assembled = await tools.AssembleAsync([run.Artifact("shots/s1.mp4")], [narration.DurationSec], narration, run.Size, run.Fps, run.Artifact("final.mp4"), music,
            new Progress<double>(), default);
        Assert.InRange(assembled.Music!.DuckDepthDb!.Value, 11, 13);
        var video = new AssembledVideo(assembled.VideoPath, assembled.Cues.Select(c => new CaptionCue(c.StartMs, c.EndMs, c.Words)).ToList(), new MediaInfo())
        {
            IntegratedLufs = assembled.IntegratedLufs,
        };
        var state = new ProductionState { Script = script, Narration = narration, Video = video };

        var sequentialTools = new OneAtATimeTools(tools);
        var (sequential, sequentialInfo) = await new QaChecks(run, sequentialTools, new CaptionSyncGate(), new FormatGate()).EvaluateAsync(state, default);
        var concurrentTools = new OneAtATimeTools(tools, serialise: false);
        var (concurrent, concurrentInfo) = await new QaChecks(run, concurrentTools, new CaptionSyncGate(), new FormatGate()).EvaluateAsync(state, default);

        Assert.Equal(1, sequentialTools.MaxInFlight);
        Assert.Equal(3, concurrentTools.MaxInFlight);
        Assert.Equal(sequential, concurrent);
        Assert.Equal(sequentialInfo, concurrentInfo);
        Assert.All(concurrent, g => Assert.True(g.Passed, $"{g.Name}: {g.Reason}"));
        Assert.Contains(concurrent, g => g.Name == GateNames.CaptionOcr && g.Value > 0);
    }

    /// <summary>Passes every call on, counting how many are in flight; with <c>serialise</c>, lets only one run at a time (the sequential QA).</summary>
    private sealed class OneAtATimeTools(IMediaTools inner, bool serialise = true) : IMediaTools
    {
        private readonly SemaphoreSlim _gate = new(serialise ? 1 : int.MaxValue);
        private int _inFlight;

        public int MaxInFlight { get; private set; }

        private async Task<T> Counted<T>(Func<Task<T>> call)
        {
            await _gate.WaitAsync().ConfigureAwait(false);
            try
            {
                var now = Interlocked.Increment(ref _inFlight);
                lock (_gate) MaxInFlight = Math.Max(MaxInFlight, now);
                // Let every concurrent call start before any finishes, so the count reflects the overlap.
                await Task.Delay(50).ConfigureAwait(false);
                return await call().ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
                _gate.Release();
            }
        }

        public Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken) => Counted(() => inner.ProbeAsync(path, cancellationToken));

        public Task<IReadOnlyList<string>?> ReadCaptionsAsync(string videoPath, IReadOnlyList<int> atMs, CancellationToken cancellationToken) =>
            Counted(() => inner.ReadCaptionsAsync(videoPath, atMs, cancellationToken));

        public Task<SpeechCheckToolResult> CheckSpeechAsync(string audioPath, string script, CancellationToken cancellationToken) =>
            Counted(() => inner.CheckSpeechAsync(audioPath, script, cancellationToken));

        public Task<SpeechToolResult> SynthesizeAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<RenderShotToolResult> RenderShotAsync(ShotRenderCall call, IProgress<double> progress, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<ShotSimilarityToolResult> ShotSimilarityAsync(string clipPath, int channelSeed, string? referencePath, string source, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<FootageCheckToolResult> CheckFootageAsync(string clipPath, VideoSize expected, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<AssembleToolResult> AssembleAsync(IReadOnlyList<string> shotPaths, IReadOnlyList<double> shotDurations, Narration narration, VideoSize size, int fps, string outputPath,
            MusicBed? music, IProgress<double> progress, CancellationToken cancellationToken) => throw new NotSupportedException();

        public Task<PublishToolResult> PublishAsync(string videoPath, string platform, PublishMetadata metadata, string idempotencyKey, CancellationToken cancellationToken) =>
            throw new NotSupportedException();

        public Task<PublishToolResult?> FindPublicationAsync(string idempotencyKey, CancellationToken cancellationToken) => throw new NotSupportedException();
    }

    public async Task DisposeAsync()
    {
        await _toolbox.DisposeAsync();
        _dir.Dispose();
    }
}
