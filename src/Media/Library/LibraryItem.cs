namespace AiVideo.Media.Library;

/// <summary>Whether a library item moves (a clip) or not (a still, animated with a slow pan/zoom).</summary>
public enum LibraryItemKind
{
    Clip,
    Still,
}

/// <summary>
/// One file of an operator's library as indexed: where it is (relative to the library folder, '/' separated), what it
/// is, its picture facts, the text it is searched by, and the fingerprint that says when to index it again.
/// </summary>
/// <param name="DurationSec">Clip length; 0 for stills (they cover any length).</param>
/// <param name="Text">File name words + folder names + sidecar text + tags.json tags.</param>
/// <param name="Vector">The embedding of <paramref name="Text"/>.</param>
public sealed record LibraryItem(
    string RelativePath,
    LibraryItemKind Kind,
    int Width,
    int Height,
    double DurationSec,
    string Text,
    long SizeBytes,
    long ModifiedTicks,
    float[] Vector)
{
    public bool IsStill => Kind == LibraryItemKind.Still;

    public bool IsPortrait => Height >= Width;
}
