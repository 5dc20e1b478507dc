using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Platforms;
using AiVideo.McpServers.Publish.Storage;
using AiVideo.McpServers.Publish.Webhook;
using AiVideo.McpServers.Publish.YouTube;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.McpServers.Publish.Tests.YouTube;

/// <summary>Publish:YouTube:* validation, routing youtube_shorts to YouTube, the server wiring, and refresh-token refusal.</summary>
public class YouTubeSettingsTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-youtube-settings");

    public void Dispose() => _dir.Dispose();

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    private static (string, string)[] Credentials(FakeYouTube? fake = null) =>
    [
        ("Publish:YouTube:ClientId", "1234-test.apps.googleusercontent.com"),
        ("Publish:YouTube:ClientSecret", YouTubeTestKit.ClientSecret),
        ("Publish:YouTube:RefreshToken", YouTubeTestKit.RefreshToken),
        .. fake is null ? Array.Empty<(string, string)>() :
        [
            ("Publish:YouTube:TokenUrl", fake.BaseUrl + "/token"),
            ("Publish:YouTube:UploadUrl", fake.BaseUrl + FakeYouTube.UploadPath),
            ("Publish:YouTube:ChunkSizeBytes", "262144"),
        ],
    ];

    [Fact]
    public void Options_OnlyCredentialsSet_DocumentedDefaults()
    {
        var options = YouTubeOptions.FromConfiguration(Config(Credentials()), out var errors);

        Assert.Empty(errors);
        Assert.Equal("https://oauth2.googleapis.com/token", options.TokenUrl.AbsoluteUri);
        Assert.Equal("https://www.googleapis.com/upload/youtube/v3/videos", options.UploadUrl.AbsoluteUri);
        Assert.Equal("https://www.googleapis.com/youtube/v3", options.ApiBaseUrl.OriginalString);
        Assert.Equal("private", options.PrivacyStatus);
        Assert.Equal("28", options.CategoryId);
        Assert.False(options.MadeForKids);
        Assert.Null(options.ContainsSyntheticMedia);
        Assert.Equal(8 * 1024 * 1024, options.ChunkSizeBytes);
        Assert.Equal(100, options.DailyUploadQuota);
        Assert.DoesNotContain(YouTubeTestKit.ClientSecret, options.ToString());
    }

    [Fact]
    public void Options_Invalid_EveryProblemNamed_SecretsNeverQuoted()
    {
        YouTubeOptions.FromConfiguration(Config(
            ("Publish:YouTube:ClientSecret", YouTubeTestKit.ClientSecret), ("Publish:YouTube:PrivacyStatus", "friends"),
            ("Publish:YouTube:ChunkSizeBytes", "1000000"), ("Publish:YouTube:MadeForKids", "maybe"), ("Publish:YouTube:TokenUrl", "ftp://x")), out var errors);

        Assert.Contains(errors, e => e.StartsWith("Publish:YouTube:ClientId is required"));
        Assert.Contains(errors, e => e.StartsWith("Publish:YouTube:RefreshToken is required"));
        Assert.Contains(errors, e => e.Contains("PrivacyStatus = 'friends' must be private, unlisted or public"));
        Assert.Contains(errors, e => e.Contains("ChunkSizeBytes = 1000000 must be a positive multiple of 262144"));
        Assert.Contains(errors, e => e.Contains("MadeForKids = 'maybe' must be true or false"));
        Assert.Contains(errors, e => e.Contains("TokenUrl = 'ftp://x' is not an absolute http(s) URL"));
        Assert.All(errors, e => Assert.DoesNotContain(YouTubeTestKit.ClientSecret, e));
    }

    [Fact]
    public void Routing_YouTubeIsAcceptedForYouTubeShortsOnly()
    {
        var routing = PublishRouting.FromConfiguration(Config(("Publish:Platforms:youtube_shorts", "youtube"), ("Publish:Platforms:tiktok", "youtube")));

        Assert.Equal("youtube", routing.ProviderFor("youtube_shorts"));
        var error = Assert.Single(routing.Errors);
        Assert.Contains("Publish:Platforms:tiktok = youtube is not supported", error);
    }

    [Fact]
    public void AddPlatformPublishers_YouTubeRoutedWithoutCredentials_StopsWithTheMissingKeys_AndAsksNothingOfTheWebhook()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IPublisher>(_ => throw new InvalidOperationException("not resolved here"));

        var error = Assert.Throws<InvalidOperationException>(() =>
            services.AddPlatformPublishers(Config(("Publish:Platforms:youtube_shorts", "youtube")), _dir.Combine("out")));

        Assert.Contains("Publish:YouTube:ClientId is required", error.Message);
        Assert.DoesNotContain("Publish:Webhook", error.Message);
    }

    [Fact]
    public async Task Server_YouTubeShortsRoutedToYouTube_PublishesThroughTheFake_OtherPlatformsStayOnTheOutbox()
    {
        using var fake = new FakeYouTube();
        var outRoot = _dir.Combine("out");
        var outbox = new RecordingOutbox();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(PublishDatabase.Open(outRoot));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new MediaProbe(new ProcessRunner()));
        services.AddSingleton<IPublisher>(outbox);
        services.AddPlatformPublishers(Config([.. Credentials(fake), ("Publish:Platforms:youtube_shorts", "youtube")]), outRoot);
        await using var provider = services.BuildServiceProvider();
        var publisher = provider.GetRequiredService<IPublisher>();
        var video = await YouTubeTestKit.VideoAsync(_dir.Combine("v.mp4"));
        var metadata = new PublishMetadata("Moon facts", "The Moon is leaving", ["#space"], "space-facts");

        var receipt = await publisher.PublishAsync(new PublishRequest(PlatformNames.YouTubeShorts, video, metadata, "yt-key"), default);
        await publisher.PublishAsync(new PublishRequest(PlatformNames.TikTok, video, metadata, "tt-key"), default);

        Assert.Equal("https://youtube.com/shorts/vid-1", receipt.Location);
        Assert.Equal(["tt-key"], outbox.Keys);
        Assert.Equal("vid-1", (await publisher.FindAsync("yt-key", default))!.ExternalId);
        Assert.Single(fake.Videos);
    }

    [Fact]
    public async Task RefreshTokenRefused_PermanentError_SaysWhatToDo_WithoutTheToken()
    {
        using var fake = new FakeYouTube();
        var options = YouTubeTestKit.Options(fake);
        options.TokenUrl = new Uri(fake.BaseUrl + "/not-a-token-endpoint");
        var tokens = new YouTubeTokenProvider(options, new ConfigTokenStore(options), YouTubeServiceCollectionExtensions.CreateHttpClient(), TimeProvider.System,
            NullLogger<YouTubeTokenProvider>.Instance);

        var error = await Assert.ThrowsAsync<PublishRejectedException>(() => tokens.GetAccessTokenAsync("space-facts", default));

        Assert.Contains("Publish:YouTube:RefreshToken", error.Message);
        Assert.DoesNotContain(YouTubeTestKit.RefreshToken, error.Message);
        Assert.DoesNotContain(YouTubeTestKit.ClientSecret, error.Message);
    }

    private sealed class RecordingOutbox : IPublisher
    {
        public List<string> Keys { get; } = [];

        public string Name => "outbox";

        public bool Supports(string platform) => true;

        public Task<PublishReceipt> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
        {
            Keys.Add(request.IdempotencyKey);
            return Task.FromResult(new PublishReceipt(request.Platform, request.IdempotencyKey, "outbox-1", "/out", "published", DateTimeOffset.UtcNow, false));
        }

        public Task<PublishReceipt?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) => Task.FromResult<PublishReceipt?>(null);
    }
}
