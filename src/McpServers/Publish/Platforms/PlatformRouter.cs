using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;

namespace AiVideo.McpServers.Publish.Platforms;

/// <summary>
/// The publisher the tools see when some platform is routed away from the outbox: dispatches each publish to the
/// provider <see cref="PublishRouting"/> names for its platform. A key's lookup goes to the provider that recorded an
/// intent for it in <c>platform_posts</c>, and to the outbox otherwise (the outbox keeps its own ledger).
/// </summary>
public sealed class PlatformRouter(PublishRouting routing, IPublisher outbox, IReadOnlyDictionary<string, IPublisher> providers, PlatformPostLedger ledger)
    : IPublisher
{
    public string Name => "router";

    public bool Supports(string platform) => PlatformNames.IsKnown(platform);

    public Task<PublishReceipt> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        if (!PlatformNames.IsKnown(request.Platform)) throw new InvalidInputException(PlatformNames.UnknownMessage(request.Platform));
        return For(routing.ProviderFor(request.Platform)).PublishAsync(request, cancellationToken);
    }

    public Task<PublishReceipt?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) =>
        ledger.Find(idempotencyKey) is { } post
            ? For(post.Provider).FindAsync(idempotencyKey, cancellationToken)
            : outbox.FindAsync(idempotencyKey, cancellationToken);

    private IPublisher For(string provider) =>
        provider == PublishRouting.Outbox ? outbox
        : providers.TryGetValue(provider, out var publisher) ? publisher
        : throw new InvalidOperationException($"no publisher registered for provider '{provider}'");
}
