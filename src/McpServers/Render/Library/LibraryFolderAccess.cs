using AiVideo.Core;
using AiVideo.Core.Workspace;

namespace AiVideo.McpServers.Render.Library;

/// <summary>
/// The server reads only the library folders it was started with (<see cref="LibrarySourceOptions.AllowedFolders"/>) and
/// folders inside them; links are followed before the check, so a link cannot lead out. Anything else is refused with
/// an error that says how to allow it.
/// </summary>
public sealed class LibraryFolderAccess(LibrarySourceOptions options)
{
    private readonly IReadOnlyList<string> _allowed = options.AllowedFolders.Select(Real).ToList();

    /// <summary>The real, absolute folder for <paramref name="folder"/>; throws <see cref="InvalidInputException"/> when not allowed or missing.</summary>
    public string Resolve(string folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new InvalidInputException("libraryPath is required for the library source");
        if (!Path.IsPathFullyQualified(folder)) throw new InvalidInputException($"libraryPath '{folder}' must be absolute");
        var real = Real(folder);
        if (!_allowed.Any(root => real.Equals(root, StringComparison.Ordinal) || real.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            throw new InvalidInputException(_allowed.Count == 0
                ? $"library folder '{folder}' is not allowed: this server was started without library folders (set AIVIDEO_RENDER_LIBRARIES)"
                : $"library folder '{folder}' is not allowed: this server reads only {string.Join(", ", _allowed)} (AIVIDEO_RENDER_LIBRARIES)");
        }
        if (!Directory.Exists(real)) throw new InvalidInputException($"library folder '{folder}' does not exist");
        return real;
    }

    private static string Real(string folder) => Path.TrimEndingDirectorySeparator(ArtifactWorkspace.ResolveLinks(Path.GetFullPath(folder)));
}
