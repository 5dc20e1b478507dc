using System.Collections.Concurrent;
using AiVideo.Core;
using AiVideo.Media.Processes;

namespace AiVideo.Media.Render;

/// <summary>
/// Finds the bold font file of a font family with fontconfig (<c>fc-match</c>), once per family for the life of the
/// instance. A family fontconfig does not have is an input error (fc-match would silently substitute another font,
/// so the answer's family is checked).
/// </summary>
public sealed class FontResolver(ProcessRunner runner)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<string>>> _files = new(StringComparer.OrdinalIgnoreCase);

    /// <returns>The absolute font file; <see cref="KineticText.DefaultFontFile"/> for a null or empty family.</returns>
    public Task<string> ResolveAsync(string? family, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(family)) return Task.FromResult(KineticText.DefaultFontFile);
        var name = family.Trim();
        if (name.Length > 64 || name.Any(c => !(char.IsLetterOrDigit(c) || c is ' ' or '-')))
        {
            throw new InvalidInputException($"font '{name}' must be a font family name of letters, digits, spaces and '-' (at most 64 characters)");
        }
        return _files.GetOrAdd(name, n => new Lazy<Task<string>>(() => MatchAsync(n, CancellationToken.None))).Value.WaitAsync(cancellationToken);
    }

    private async Task<string> MatchAsync(string family, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync("fc-match", ["-f", "%{family}\n%{file}", $"{family}:style=Bold"], cancellationToken).ConfigureAwait(false);
        var lines = result.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (result.ExitCode != 0 || lines.Length < 2)
        {
            throw new InvalidInputException($"font '{family}' could not be looked up with fontconfig: {result.StandardError.Trim()}");
        }
        var families = lines[0].Split(',', StringSplitOptions.TrimEntries);
        if (!families.Contains(family, StringComparer.OrdinalIgnoreCase))
        {
            throw new InvalidInputException($"font '{family}' is not installed (fontconfig offers '{lines[0]}' instead; `fc-list : family` lists the installed ones)");
        }
        return lines[1];
    }
}
