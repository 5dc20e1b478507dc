using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Core.Workspace;
using AiVideo.Host.Mcp;
using AiVideo.Host.Resilience;
using AiVideo.Host.Tests.Pipeline;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.Host.Tests.Resilience;

public class ResilientMediaToolsTests : IDisposable
{
    private readonly TempDirectory _dir = new();

    private static readonly ResilienceOptions Fast = new()
    {
        MaxRetries = 3,
        BaseDelay = TimeSpan.FromMilliseconds(1),
        PublishTimeout = TimeSpan.FromMilliseconds(300),
        BreakerMinimumCalls = 100, // out of the way unless a test wants it
    };

    private (FakeMediaTools Inner, ResilientMediaTools Tools) Create(ResilienceOptions? options = null)
    {
        var inner = new FakeMediaTools(new ArtifactWorkspace(_dir.Path));
        return (inner, new ResilientMediaTools(inner, new ProviderResilience(options ?? Fast, NullLoggerFactory.Instance)));
    }

    private static readonly PublishMetadata Metadata = new("t", "c", [], "chan");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Classification_TransientToolErrorsOnly(bool transient) =>
        Assert.Equal(transient, TransientErrors.IsTransient(new ToolCallException("render", "render_shot", "x", transient)));

    [Fact]
    public void Classification_ProviderTimeoutsAndTransientFailuresRetry_BadInputDoesNot()
    {
        Assert.True(TransientErrors.IsTransient(new TransientProviderException("429")));
        Assert.True(TransientErrors.IsTransient(new TimeoutException()));
        Assert.False(TransientErrors.IsTransient(new Core.InvalidInputException("bad size")));
        Assert.False(TransientErrors.IsTransient(new InvalidOperationException("bug")));
    }

    [Fact]
    public async Task TransientFailures_AreRetriedUntilTheCallSucceeds()
    {
        var (inner, tools) = Create();
        inner.PublishFailures.Enqueue(new ToolCallException("publish", "publish_video", "503", isTransient: true));
        inner.PublishFailures.Enqueue(new ToolCallException("publish", "publish_video", "503", isTransient: true));

        var receipt = await tools.PublishAsync("v.mp4", "tiktok", Metadata, "k", default);

        Assert.Equal("k", receipt.IdempotencyKey);
        Assert.Equal(3, inner.Calls.Count(c => c == "publish:tiktok"));
    }

    [Fact]
    public async Task PermanentFailure_FailsFastWithoutRetry()
    {
        var (inner, tools) = Create();
        inner.PublishFailures.Enqueue(new ToolCallException("publish", "publish_video", "title too long"));

        var ex = await Assert.ThrowsAsync<ToolCallException>(() => tools.PublishAsync("v.mp4", "tiktok", Metadata, "k", default));

        Assert.Contains("title too long", ex.Message);
        Assert.Single(inner.Calls, c => c == "publish:tiktok");
    }

    [Fact]
    public async Task TransientForever_GivesUpAfterTheRetriesAndSaysHowOften()
    {
        var (inner, tools) = Create();
        for (var i = 0; i < 10; i++) inner.PublishFailures.Enqueue(new ToolCallException("publish", "publish_video", "503", isTransient: true));

        var ex = await Assert.ThrowsAsync<ToolCallException>(() => tools.PublishAsync("v.mp4", "tiktok", Metadata, "k", default));

        Assert.Contains("gave up after 4 attempts", ex.Message);
        Assert.Equal(4, inner.Calls.Count(c => c == "publish:tiktok"));
    }

    [Fact]
    public async Task HangingCall_TimesOutPerAttemptAndIsRetried()
    {
        var (inner, tools) = Create(Fast with { MaxRetries = 1 });
        inner.PublishDelay = TimeSpan.FromSeconds(30);

        var ex = await Assert.ThrowsAsync<ToolCallException>(() => tools.PublishAsync("v.mp4", "tiktok", Metadata, "k", default));

        Assert.Contains("timed out", ex.Message);
        Assert.Equal(2, inner.Calls.Count(c => c == "publish:tiktok"));
    }

    [Fact]
    public async Task RepeatedTransientFailures_OpenTheProvidersCircuit_LaterCallsAreNotMade()
    {
        var (inner, tools) = Create(Fast with { MaxRetries = 0, BreakerMinimumCalls = 3, BreakerFailureRatio = 0.5 });
        for (var i = 0; i < 10; i++) inner.PublishFailures.Enqueue(new ToolCallException("publish", "publish_video", "503", isTransient: true));

        for (var i = 0; i < 3; i++) await Assert.ThrowsAsync<ToolCallException>(() => tools.PublishAsync("v.mp4", "tiktok", Metadata, "k", default));
        var ex = await Assert.ThrowsAsync<ToolCallException>(() => tools.PublishAsync("v.mp4", "tiktok", Metadata, "k", default));

        Assert.Contains("circuit open", ex.Message);
        Assert.Equal(3, inner.Calls.Count(c => c == "publish:tiktok"));
    }

    public void Dispose() => _dir.Dispose();
}
