namespace AiVideo.Core.Workspace;

/// <summary>
/// The one directory all servers share for artifacts. Callers speak in workspace-relative paths;
/// anything that would resolve outside the root (absolute paths, "..", symlinks pointing out) is refused.
/// </summary>
public sealed class ArtifactWorkspace
{
    public const string EnvironmentVariable = "AIVIDEO_WORKSPACE";
    public const string DefaultRelativeRoot = ".aivideo/workspace";

    public ArtifactWorkspace(string root)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(root);
        Directory.CreateDirectory(root);
        // Resolve the root itself so that a root reached through a symlink still compares correctly.
        var full = Path.GetFullPath(root);
        Root = Path.TrimEndingDirectorySeparator(ResolveLinks(full));
    }

    public string Root { get; }

    /// <summary>The workspace named by AIVIDEO_WORKSPACE, or the default under the current directory.</summary>
    public static ArtifactWorkspace FromEnvironment() =>
        new(Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } v ? v : DefaultRelativeRoot);

    /// <summary>Resolves a workspace-relative path that must name an existing file.</summary>
    public string ResolveExistingFile(string relativePath)
    {
        var full = Resolve(relativePath);
        if (!File.Exists(full))
        {
            throw new WorkspacePathException($"file '{relativePath}' does not exist in the workspace");
        }
        return full;
    }

    /// <summary>The full path of an existing, non-empty file inside the workspace; null when missing, empty or outside.</summary>
    public string? TryResolveExistingFile(string relativePath)
    {
        try
        {
            var full = Resolve(relativePath);
            return File.Exists(full) && new FileInfo(full).Length > 0 ? full : null;
        }
        catch (WorkspacePathException)
        {
            return null;
        }
    }

    /// <summary>Resolves a workspace-relative path for writing, creating its directory.</summary>
    public string ResolveForWrite(string relativePath)
    {
        var full = Resolve(relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        return full;
    }

    /// <summary>Resolves a workspace-relative path; throws <see cref="WorkspacePathException"/> if it leaves the root.</summary>
    public string Resolve(string relativePath)
    {
        if (string.IsNullOrWhiteSpace(relativePath))
        {
            throw new WorkspacePathException("path is empty");
        }
        if (relativePath.Contains('\0'))
        {
            throw new WorkspacePathException("path contains a NUL character");
        }
        if (Path.IsPathRooted(relativePath) || relativePath.StartsWith('~'))
        {
            throw new WorkspacePathException($"path '{relativePath}' must be relative to the workspace, not absolute");
        }
        var segments = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments.Any(s => s == ".."))
        {
            throw new WorkspacePathException($"path '{relativePath}' must not contain '..'");
        }
        var full = Path.GetFullPath(Path.Combine(Root, Path.Combine(segments)));
        if (!IsUnderRoot(full))
        {
            throw new WorkspacePathException($"path '{relativePath}' resolves outside the workspace");
        }
        var real = ResolveLinks(full);
        if (!IsUnderRoot(real))
        {
            throw new WorkspacePathException($"path '{relativePath}' follows a link outside the workspace");
        }
        return full;
    }

    /// <summary>The workspace-relative form of a full path inside the root (forward slashes).</summary>
    public string ToRelative(string fullPath)
    {
        var full = Path.GetFullPath(fullPath);
        if (!IsUnderRoot(full))
        {
            throw new WorkspacePathException($"'{fullPath}' is not inside the workspace");
        }
        return Path.GetRelativePath(Root, full).Replace('\\', '/');
    }

    private bool IsUnderRoot(string full) =>
        full.Equals(Root, StringComparison.Ordinal)
        || full.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>Follows symlinks on every existing prefix of the path.</summary>
    public static string ResolveLinks(string full)
    {
        var root = Path.GetPathRoot(full)!;
        var current = root;
        foreach (var part in full[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(next) ? new DirectoryInfo(next) : new FileInfo(next);
            if (info.Exists && info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                next = target is null ? next : Path.GetFullPath(target.FullName);
            }
            current = next;
        }
        return current;
    }
}
