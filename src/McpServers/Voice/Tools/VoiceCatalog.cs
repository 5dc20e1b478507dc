using AiVideo.Core.Providers;

namespace AiVideo.McpServers.Voice.Tools;

/// <summary>
/// The provider's voices, read once per server process and answered from memory afterwards (the installed voices do not
/// change while the server runs; reading them takes the synthesiser's global lock, so an uncached list_voices would also
/// wait behind every synthesis). Thread-safe; a failed read is not cached, the next call tries again.
/// </summary>
public sealed class VoiceCatalog(IVoiceProvider voice)
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IReadOnlyList<VoiceInfo>? _voices;

    public async ValueTask<IReadOnlyList<VoiceInfo>> GetAsync(CancellationToken cancellationToken)
    {
        if (_voices is { } cached) return cached;
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _voices ??= (await voice.ListVoicesAsync(cancellationToken).ConfigureAwait(false)).ToArray();
        }
        finally
        {
            _gate.Release();
        }
    }
}
