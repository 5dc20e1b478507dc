using System.Text.Json;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Outbox;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace AiVideo.McpServers.Publish.Tests;

public class OutboxPublisherTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-outbox");
    private static readonly PublishMetadata Metadata = new("Moon facts", "The Moon is leaving #space", ["#space", "#moon"], "space-facts");

    private OutboxPublisher NewPublisher() => new(
        Options.Create(new OutboxOptions { OutRoot = _dir.Combine("out") }), new MediaProbe(new ProcessRunner()), TimeProvider.System,
        NullLogger<OutboxPublisher>.Instance);

    private string Published(string platform) => _dir.Combine("out", "published", platform);

    [Fact]
    public async Task Publish_WritesVideoAndPlatformMetadata()
    {
        var video = await TestVideo.MakeAsync(_dir.Combine("v.mp4"));
        var receipt = await NewPublisher().PublishAsync(new PublishRequest("youtube_shorts", video, Metadata, "key-1"), default);

        Assert.False(receipt.Duplicate);
        Assert.Equal("published", receipt.Status);
        Assert.StartsWith(Published("youtube_shorts"), receipt.Location);
        Assert.Equal(File.ReadAllBytes(video), File.ReadAllBytes(Path.Combine(receipt.Location, "video.mp4")));
        using var meta = JsonDocument.Parse(File.ReadAllText(Path.Combine(receipt.Location, "metadata.json")));
        var root = meta.RootElement;
        Assert.Equal("key-1", root.GetProperty("idempotencyKey").GetString());
        Assert.Equal("Moon facts", root.GetProperty("platformRequest").GetProperty("snippet").GetProperty("title").GetString());
        Assert.Equal("space", root.GetProperty("platformRequest").GetProperty("snippet").GetProperty("tags")[0].GetString());
        Assert.Equal(64, root.GetProperty("videoSha256").GetString()!.Length);
    }

    [Fact]
    public async Task Publish_SameKeyTwice_ReturnsFirstReceipt_WritesNothing()
    {
        var video = await TestVideo.MakeAsync(_dir.Combine("v.mp4"));
        var publisher = NewPublisher();
        var first = await publisher.PublishAsync(new PublishRequest("tiktok", video, Metadata, "key-2"), default);
        var second = await NewPublisher().PublishAsync(new PublishRequest("tiktok", video, Metadata with { Title = "Other" }, "key-2"), default);

        Assert.True(second.Duplicate);
        Assert.Equal(first.ExternalId, second.ExternalId);
        Assert.Equal(first.Location, second.Location);
        Assert.Single(Directory.GetDirectories(Published("tiktok")));
        Assert.Single(await publisher.ListAsync("tiktok", null, 10, default));
    }

    [Fact]
    public async Task Publish_EightParallelCallsSameKey_ExactlyOnePublication()
    {
        var video = await TestVideo.MakeAsync(_dir.Combine("v.mp4"));
        var receipts = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ =>
            Task.Run(() => NewPublisher().PublishAsync(new PublishRequest("tiktok", video, Metadata, "key-par"), default))));

        Assert.Single(receipts, r => !r.Duplicate);
        Assert.Single(receipts.Select(r => r.ExternalId).Distinct());
        Assert.Single(Directory.GetDirectories(Published("tiktok")));
        Assert.False(Directory.EnumerateFileSystemEntries(_dir.Combine("out", "published", ".staging")).Any());
    }

    [Fact]
    public async Task Publish_TitleTooLong_FailsAndWritesNothing()
    {
        var video = await TestVideo.MakeAsync(_dir.Combine("v.mp4"));
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() =>
            NewPublisher().PublishAsync(new PublishRequest("youtube_shorts", video, Metadata with { Title = new string('x', 101) }, "k"), default));
        Assert.Contains("youtube_shorts allows 100", ex.Message);
        Assert.False(Directory.Exists(Published("youtube_shorts")));
    }

    [Fact]
    public async Task Publish_NotAVideo_FailsClearly()
    {
        File.WriteAllText(_dir.Combine("fake.mp4"), "not a video");
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() =>
            NewPublisher().PublishAsync(new PublishRequest("tiktok", _dir.Combine("fake.mp4"), Metadata, "k"), default));
        Assert.Contains("not a video", ex.Message);
    }

    [Fact]
    public async Task Publish_UnknownPlatform_ListsKnownOnes()
    {
        var ex = await Assert.ThrowsAsync<InvalidInputException>(() =>
            NewPublisher().PublishAsync(new PublishRequest("myspace", _dir.Combine("x.mp4"), Metadata, "k"), default));
        Assert.Contains("known: tiktok", ex.Message);
    }

    [Fact]
    public async Task Find_ReturnsReceiptOnlyForPublishedKeys()
    {
        var video = await TestVideo.MakeAsync(_dir.Combine("v.mp4"));
        var publisher = NewPublisher();
        await publisher.PublishAsync(new PublishRequest("instagram_reels", video, Metadata, "key-f"), default);
        Assert.Equal("instagram_reels", (await publisher.FindAsync("key-f", default))?.Platform);
        Assert.Null(await publisher.FindAsync("never", default));
    }

    public void Dispose() => _dir.Dispose();
}
