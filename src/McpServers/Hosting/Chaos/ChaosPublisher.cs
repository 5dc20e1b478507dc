using AiVideo.Core.Chaos;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;

namespace AiVideo.McpServers.Hosting.Chaos;

/// <summary>A publisher that fails on purpose (see <see cref="ChaosSpec"/>), including posts that land but report failure.</summary>
public sealed class ChaosPublisher(IPublisher inner, ChaosDice dice) : IPublisher
{
    private static readonly ChaosFault[] Faults = [ChaosFault.Transient, ChaosFault.Hang, ChaosFault.LandsButReportsFailure];

    public string Name => inner.Name;

    public bool Supports(string platform) => inner.Supports(platform);

    public async Task<PublishReceipt> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        var fault = dice.Roll(Faults, $"{request.VideoPath}|{request.Platform}");
        if (fault == ChaosFault.Transient) throw ChaosActions.Transient("publish");
        if (fault == ChaosFault.Hang) await ChaosActions.HangAsync(dice, cancellationToken).ConfigureAwait(false);
        var receipt = await inner.PublishAsync(request, cancellationToken).ConfigureAwait(false);
        if (fault == ChaosFault.LandsButReportsFailure) throw new TransientProviderException("chaos: the post landed but the platform answered 502 (injected)");
        return receipt;
    }

    public Task<PublishReceipt?> FindAsync(string idempotencyKey, CancellationToken cancellationToken) => inner.FindAsync(idempotencyKey, cancellationToken);
}
