using System.Text;
using System.Text.Json;

namespace AiVideo.Media.Library;

/// <summary>A media file found in a library folder with the text it is searched by.</summary>
public sealed record LibraryFile(string RelativePath, string FullPath, LibraryItemKind Kind, long SizeBytes, long ModifiedTicks, string Text);

/// <summary>
/// Lists a library folder (recursively, hidden entries and symlinks leaving the folder skipped): clips (.mp4 .mov .m4v
/// .webm .mkv) and stills (.png .jpg .jpeg .webp .bmp). Each item's text is its file name split into words, the names of
/// the folders it sits in, an optional sidecar <c>&lt;name&gt;.txt</c> (same base name) and the tags a <c>tags.json</c> in its
/// folder gives it (<c>{"file.mp4": ["tag", …]}</c> or <c>{"file.mp4": "tag tag"}</c>). Order is ordinal by path, so
/// equal folders list equally.
/// </summary>
public static class LibraryFiles
{
    public const string TagsFileName = "tags.json";
    public const int MaxSidecarChars = 2000;

    private static readonly HashSet<string> ClipExtensions = new(StringComparer.OrdinalIgnoreCase) { ".mp4", ".mov", ".m4v", ".webm", ".mkv" };
    private static readonly HashSet<string> StillExtensions = new(StringComparer.OrdinalIgnoreCase) { ".png", ".jpg", ".jpeg", ".webp", ".bmp" };

    public static IReadOnlyList<LibraryFile> List(string folder)
    {
        var root = Path.GetFullPath(folder);
        var files = new List<LibraryFile>();
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = FileAttributes.Hidden | FileAttributes.System | FileAttributes.ReparsePoint };
        var tagsByFolder = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(root, "*", options).Order(StringComparer.Ordinal))
        {
            var extension = Path.GetExtension(path);
            LibraryItemKind kind;
            if (ClipExtensions.Contains(extension)) kind = LibraryItemKind.Clip;
            else if (StillExtensions.Contains(extension)) kind = LibraryItemKind.Still;
            else continue;
            var relative = Path.GetRelativePath(root, path).Replace('\\', '/');
            if (relative.Split('/').Any(s => s.StartsWith('.'))) continue;
            var info = new FileInfo(path);
            var directory = Path.GetDirectoryName(path)!;
            if (!tagsByFolder.TryGetValue(directory, out var tags)) tagsByFolder[directory] = tags = ReadTags(Path.Combine(directory, TagsFileName));
            files.Add(new LibraryFile(relative, path, kind, info.Length, info.LastWriteTimeUtc.Ticks, Text(relative, path, tags)));
        }
        return files;
    }

    /// <summary>The words an item is searched by.</summary>
    public static string Text(string relativePath, string fullPath, IReadOnlyDictionary<string, string> folderTags)
    {
        var text = new StringBuilder();
        var segments = relativePath.Split('/');
        text.Append(Words(Path.GetFileNameWithoutExtension(segments[^1])));
        foreach (var folder in segments[..^1]) text.Append(' ').Append(Words(folder));
        var sidecar = Path.ChangeExtension(fullPath, ".txt");
        if (File.Exists(sidecar))
        {
            var content = File.ReadAllText(sidecar);
            text.Append(' ').Append(content.Length > MaxSidecarChars ? content[..MaxSidecarChars] : content);
        }
        if (folderTags.TryGetValue(segments[^1], out var tags)) text.Append(' ').Append(tags);
        return string.Join(' ', text.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>"moon-surface_craters2" → "moon surface craters2".</summary>
    public static string Words(string name) =>
        string.Join(' ', name.Split(['-', '_', '.', ' ', '+', ','], StringSplitOptions.RemoveEmptyEntries));

    private static IReadOnlyDictionary<string, string> ReadTags(string path)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!File.Exists(path)) return tags;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return tags;
            foreach (var entry in doc.RootElement.EnumerateObject())
            {
                tags[entry.Name] = entry.Value.ValueKind switch
                {
                    JsonValueKind.String => entry.Value.GetString() ?? "",
                    JsonValueKind.Array => string.Join(' ', entry.Value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString())),
                    _ => "",
                };
            }
        }
        catch (JsonException)
        {
            // A broken tags.json must not hide the library: its items keep their names.
        }
        return tags;
    }
}
