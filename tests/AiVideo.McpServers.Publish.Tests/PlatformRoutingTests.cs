using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Outbox;
using AiVideo.McpServers.Publish.Platforms;
using AiVideo.McpServers.Publish.Storage;
using AiVideo.McpServers.Publish.Webhook;
using AiVideo.Media.Probing;
using AiVideo.Media.Processes;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace AiVideo.McpServers.Publish.Tests;

/// <summary>Publish:Platforms:&lt;platform&gt; routing, its validation, and the webhook settings checked at start.</summary>
public class PlatformRoutingTests : IDisposable
{
    private static readonly PublishMetadata Metadata = new("Moon facts", "The Moon is leaving", ["#space"], "space-facts");
    private readonly TempDirectory _dir = new("aivideo-routing");

    public void Dispose() => _dir.Dispose();

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    [Fact]
    public void Routing_NothingConfigured_EveryPlatformGoesToTheOutbox()
    {
        var routing = PublishRouting.FromConfiguration(Config());
        Assert.Empty(routing.Errors);
        Assert.True(routing.AllOutbox);
        Assert.All(PlatformNames.All, p => Assert.Equal("outbox", routing.ProviderFor(p)));
    }

    [Fact]
    public void Routing_WebhookPlatformToWebhook_OnlyThatPlatformMoves()
    {
        var routing = PublishRouting.FromConfiguration(Config(("Publish:Platforms:webhook", "webhook"), ("Publish:Platforms:tiktok", "outbox")));
        Assert.Empty(routing.Errors);
        Assert.False(routing.AllOutbox);
        Assert.Equal("webhook", routing.ProviderFor("webhook"));
        Assert.Equal("outbox", routing.ProviderFor("tiktok"));
        Assert.Equal("outbox", routing.ProviderFor("youtube_shorts"));
    }

    [Fact]
    public void Routing_UnsupportedCombinations_OneClearLineEach()
    {
        var routing = PublishRouting.FromConfiguration(Config(
            ("Publish:Platforms:tiktok", "webhook"), ("Publish:Platforms:webhook", "zapier"), ("Publish:Platforms:myspace", "outbox")));
        Assert.Equal(3, routing.Errors.Count);
        Assert.Contains(routing.Errors, e => e.Contains("Publish:Platforms:tiktok = webhook is not supported yet"));
        Assert.Contains(routing.Errors, e => e.Contains("'zapier' is not a provider (known: outbox, webhook, youtube, tiktok)"));
        Assert.Contains(routing.Errors, e => e.Contains("unknown platform 'myspace'"));
    }

    [Fact]
    public void AddPlatformPublishers_DefaultConfiguration_ChangesNoRegistration()
    {
        var services = new ServiceCollection();
        services.AddSingleton<IPublisher>(_ => throw new InvalidOperationException("not resolved here"));
        var before = services.ToList();

        services.AddPlatformPublishers(Config(), _dir.Combine("out"));

        Assert.Equal(before, services.ToList());
    }

    [Fact]
    public void WebhookOptions_Invalid_EveryProblemNamed_SecretNeverQuoted()
    {
        const string shortSecret = "tooShortSecret1";
        WebhookOptions.FromConfiguration(Config(
            ("Publish:Webhook:Url", "ftp://n8n.local/hook"), ("Publish:Webhook:Secret", shortSecret), ("Publish:Webhook:Mode", "xml"),
            ("Publish:Webhook:MaxWait", "soon")), _dir.Path, out var errors);

        Assert.Contains(errors, e => e.Contains("Publish:Webhook:Url") && e.Contains("absolute http(s) URL"));
        Assert.Contains(errors, e => e.Contains("at least 16 characters"));
        Assert.Contains(errors, e => e.Contains("Publish:Webhook:Mode = 'xml' must be json or multipart"));
        Assert.Contains(errors, e => e.Contains("Publish:Webhook:MaxWait = 'soon'"));
        Assert.All(errors, e => Assert.DoesNotContain(shortSecret, e));
    }

    [Fact]
    public void WebhookOptions_JsonModeWithoutPublicBaseUrl_Refused_SecretFromAivideoWebhookSecret()
    {
        var options = WebhookOptions.FromConfiguration(Config(
            ("Publish:Webhook:Url", "https://n8n.example.test/webhook/aivideo-publish"), ("WEBHOOK_SECRET", WebhookTestKit.Secret),
            ("Publish:Webhook:StatusPollInterval", "00:00:03"), ("Publish:Webhook:Timeout", "45")), _dir.Path, out var errors);

        Assert.Equal(WebhookTestKit.Secret, options.Secret);
        Assert.Equal(TimeSpan.FromSeconds(3), options.StatusPollInterval);
        Assert.Equal(TimeSpan.FromSeconds(45), options.Timeout);
        Assert.Contains(errors, e => e.Contains("PublicBaseUrl is required in json mode"));
        Assert.DoesNotContain(WebhookTestKit.Secret, options.ToString());
    }

    [Fact]
    public async Task Router_WebhookRouted_WebhookPostsGoToTheReceiver_OthersStayInTheOutbox_LookupsFollowTheKey()
    {
        using var server = new CannedHttpServer(200, """{"id":"n8n-1","url":"https://social.example.test/p/1"}""");
        var outRoot = _dir.Combine("out");
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(PublishDatabase.Open(outRoot));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ProcessRunner>();
        services.AddSingleton<MediaProbe>();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new OutboxOptions { OutRoot = outRoot }));
        services.AddSingleton<OutboxPublisher>();
        services.AddSingleton<IPublisher>(sp => sp.GetRequiredService<OutboxPublisher>());
        services.AddPlatformPublishers(Config(
            ("Publish:Platforms:webhook", "webhook"), ("Publish:Webhook:Url", server.BaseUrl + "/webhook/aivideo-publish"),
            ("Publish:Webhook:Mode", "multipart"), ("WEBHOOK_SECRET", WebhookTestKit.Secret)), outRoot);
        await using var provider = services.BuildServiceProvider();
        var publisher = provider.GetRequiredService<IPublisher>();
        var video = await TestVideo.MakeAsync(_dir.Combine("v.mp4"));

        var hook = await publisher.PublishAsync(new PublishRequest("webhook", video, Metadata, "k-hook"), default);
        var tiktok = await publisher.PublishAsync(new PublishRequest("tiktok", video, Metadata, "k-tiktok"), default);

        Assert.IsType<PlatformRouter>(publisher);
        Assert.Equal("n8n-1", hook.ExternalId);
        Assert.Single(server.Requests);
        Assert.StartsWith(Path.Combine(outRoot, "published", "tiktok"), tiktok.Location);
        Assert.Equal("n8n-1", (await publisher.FindAsync("k-hook", default))!.ExternalId);
        Assert.Equal(tiktok.ExternalId, (await publisher.FindAsync("k-tiktok", default))!.ExternalId);
        Assert.Null(await publisher.FindAsync("k-none", default));
        Assert.False(Directory.Exists(Path.Combine(outRoot, "published", "webhook")));
    }
}
