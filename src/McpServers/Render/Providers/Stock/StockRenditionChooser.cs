using System.Globalization;
using AiVideo.Core.Domain;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// Picks the file nearest the output: the smallest rendition that covers the frame without upscaling (width and height at
/// least the output's), else the largest there is. Ties go to the smaller file, then the URL, so the choice is stable.
/// </summary>
public static class StockRenditionChooser
{
    public static StockRendition? Choose(IReadOnlyList<StockRendition> renditions, VideoSize output)
    {
        var covering = renditions.Where(r => r.Width >= output.Width && r.Height >= output.Height)
            .OrderBy(Area).ThenBy(r => r.SizeBytes ?? long.MaxValue).ThenBy(r => r.Url, StringComparer.Ordinal).FirstOrDefault();
        return covering ?? renditions.OrderByDescending(Area).ThenBy(r => r.SizeBytes ?? long.MaxValue).ThenBy(r => r.Url, StringComparer.Ordinal).FirstOrDefault();
    }

    /// <summary>Where the rendition is cached, relative to <see cref="StockStorage.Root"/>: "pexels/123456-1080x1920.mp4".</summary>
    public static string RelativePath(StockItem item, StockRendition rendition)
    {
        var extension = Uri.TryCreate(rendition.Url, UriKind.Absolute, out var uri) ? Path.GetExtension(uri.AbsolutePath).ToLowerInvariant() : "";
        if (extension is not (".mp4" or ".mov" or ".webm" or ".m4v")) extension = ".mp4";
        var id = new string(item.Id.Where(c => char.IsAsciiLetterOrDigit(c) || c is '_').ToArray());
        return string.Create(CultureInfo.InvariantCulture, $"{item.Provider}/{id}-{rendition.Width}x{rendition.Height}{extension}");
    }

    private static long Area(StockRendition r) => (long)r.Width * r.Height;
}
