using AiVideo.Core.Chaos;

namespace AiVideo.Agents.Scripts;

/// <summary>
/// A writer that sometimes misspells a brand word (chaos testing): the script gate must catch it and ask for a
/// rewrite. Wraps any writer, the deterministic one or the ideation agent.
/// </summary>
public sealed class ChaosScriptWriter(IScriptWriter inner, ChaosDice dice) : IScriptWriter
{
    /// <summary>The writer's one fault (<c>only=misspelled_brand</c> forces it).</summary>
    private enum WriterFault { MisspelledBrand }

    private static readonly WriterFault[] Misspell = [WriterFault.MisspelledBrand];

    public string Name => inner.Name;

    public async Task<string> WriteAsync(ScriptRequest request, CancellationToken cancellationToken)
    {
        var json = await inner.WriteAsync(request, cancellationToken).ConfigureAwait(false);
        if (dice.Roll(Misspell, $"{request.Channel.Id}|{request.Brief.Title}|{request.RevisionReasons.Count}|{request.PreviousScript?.Hook}") is null) return json;
        foreach (var brand in request.Channel.BrandWords)
        {
            var at = json.IndexOf(brand, StringComparison.Ordinal);
            if (at < 0) continue;
            var wrong = brand.Length > 1 ? brand[..^1] + char.ToLowerInvariant(brand[^1]) + (char.IsLower(brand[^1]) ? "x" : "") : brand + "x";
            return json[..at] + wrong + json[(at + brand.Length)..];
        }
        return json;
    }
}
