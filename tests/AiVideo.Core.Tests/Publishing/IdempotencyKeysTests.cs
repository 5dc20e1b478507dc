using AiVideo.Core.Publishing;

namespace AiVideo.Core.Tests.Publishing;

public class IdempotencyKeysTests
{
    [Fact]
    public void ForPublish_SameInputs_SameKey() =>
        Assert.Equal(IdempotencyKeys.ForPublish("c", "abc", "tiktok"), IdempotencyKeys.ForPublish("c", "abc", "tiktok"));

    [Theory]
    [InlineData("other", "abc", "tiktok")]
    [InlineData("c", "abd", "tiktok")]
    [InlineData("c", "abc", "youtube_shorts")]
    public void ForPublish_AnyPartDiffers_DifferentKey(string channel, string video, string platform) =>
        Assert.NotEqual(IdempotencyKeys.ForPublish("c", "abc", "tiktok"), IdempotencyKeys.ForPublish(channel, video, platform));

    [Fact]
    public async Task FileSha256_IsTheContentHash()
    {
        var path = Path.GetTempFileName();
        await File.WriteAllTextAsync(path, "abc");
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", await IdempotencyKeys.FileSha256Async(path, default));
        File.Delete(path);
    }
}
