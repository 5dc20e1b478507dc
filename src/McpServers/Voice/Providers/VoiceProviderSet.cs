using AiVideo.Core;
using AiVideo.Core.Providers;

namespace AiVideo.McpServers.Voice.Providers;

/// <summary>The voices this server can speak with, by <see cref="VoiceProviderNames"/> name (the embedded one is the default).</summary>
public sealed class VoiceProviderSet
{
    private readonly Dictionary<string, IVoiceProvider> _byName;

    /// <param name="embedded">The default voice (espeak-ng, possibly wrapped by the chaos layer).</param>
    /// <param name="cloud">Cloud voices by their names.</param>
    public VoiceProviderSet(IVoiceProvider embedded, IEnumerable<IVoiceProvider> cloud)
    {
        _byName = new Dictionary<string, IVoiceProvider>(StringComparer.Ordinal) { [VoiceProviderNames.Espeak] = embedded };
        foreach (var provider in cloud) _byName[provider.Name] = provider;
    }

    public IVoiceProvider Get(string? name)
    {
        var key = string.IsNullOrWhiteSpace(name) ? VoiceProviderNames.Espeak : name.Trim();
        return _byName.TryGetValue(key, out var provider)
            ? provider
            : throw new InvalidInputException($"provider '{name}' is unknown (known: {string.Join(", ", _byName.Keys.Order(StringComparer.Ordinal))})");
    }
}
