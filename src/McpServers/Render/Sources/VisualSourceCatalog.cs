using AiVideo.Core;
using AiVideo.Core.Providers;

namespace AiVideo.McpServers.Render.Sources;

/// <summary>The visual sources this server offers, by name (case-insensitive).</summary>
public sealed class VisualSourceCatalog(IEnumerable<IVisualSource> sources)
{
    private readonly IReadOnlyDictionary<string, IVisualSource> _byName = sources.ToDictionary(s => s.Name, StringComparer.OrdinalIgnoreCase);

    public IReadOnlyCollection<string> Names => _byName.Keys.Order(StringComparer.Ordinal).ToList();

    public IVisualSource Find(string? name) =>
        _byName.TryGetValue((name ?? "").Trim(), out var source)
            ? source
            : throw new InvalidInputException($"unknown visual source '{name}'; this server offers {string.Join(", ", Names)}");
}
