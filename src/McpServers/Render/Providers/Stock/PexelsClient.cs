using System.Globalization;
using System.Text.Json.Serialization;
using AiVideo.Core.Domain;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// Pexels video search: <c>GET {base}/videos/search?query=…&amp;orientation=portrait&amp;size=medium&amp;per_page=…</c>
/// with <c>Authorization: &lt;key&gt;</c>. Results are ranked by the words of their page slug
/// (<c>…/video/ocean-waves-at-dusk-123/</c> → "ocean waves at dusk") and credited to their creator, as Pexels' API
/// guidelines ask (a link to Pexels and the creator's name).
/// </summary>
public sealed class PexelsClient(HttpClient http, PexelsOptions options) : IStockSearchClient
{
    public const string License = "Pexels License";

    public string Provider => VisualSources.Pexels;

    public StockProviderOptions Options => options;

    public async Task<IReadOnlyList<StockItem>> SearchAsync(string query, CancellationToken cancellationToken)
    {
        var url = string.Create(CultureInfo.InvariantCulture,
            $"{options.BaseUrl.TrimEnd('/')}/videos/search?query={Uri.EscapeDataString(query)}&orientation=portrait&size=medium&per_page={options.PerPage}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation("Authorization", options.ApiKey);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
        var body = await StockApiResponse.ReadBodyAsync(response, options, query, cancellationToken).ConfigureAwait(false);
        var page = StockApiResponse.Parse<SearchPage>(body, options, query, p => p.Videos is not null);
        return page.Videos!.OfType<Video>().Select(ToItem).ToList();
    }

    private StockItem ToItem(Video video)
    {
        var renditions = (video.VideoFiles ?? [])
            .Where(f => f is { Width: > 0, Height: > 0, Link.Length: > 0 } && (f.FileType is null || f.FileType.Equals("video/mp4", StringComparison.OrdinalIgnoreCase)))
            .Select(f => new StockRendition(f.Width!.Value, f.Height!.Value, f.Link!))
            .ToList();
        var credit = new VisualCredit("Pexels", video.User?.Name is { Length: > 0 } name ? name : "unknown", video.User?.Url, video.Url, License, Required: true);
        return new StockItem(Provider, video.Id.ToString(CultureInfo.InvariantCulture), SlugWords(video.Url), video.Duration ?? 0, video.Width ?? 0, video.Height ?? 0, renditions, credit);
    }

    /// <summary>"https://www.pexels.com/video/ocean-waves-at-dusk-123/" → "ocean waves at dusk" (the trailing id dropped).</summary>
    public static string SlugWords(string? pageUrl)
    {
        if (!Uri.TryCreate(pageUrl, UriKind.Absolute, out var uri)) return "";
        var slug = uri.AbsolutePath.TrimEnd('/').Split('/').LastOrDefault() ?? "";
        var words = slug.Split('-', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count > 0 && words[^1].All(char.IsAsciiDigit)) words.RemoveAt(words.Count - 1);
        return string.Join(' ', words);
    }

    private sealed record SearchPage([property: JsonPropertyName("videos")] List<Video?>? Videos);

    private sealed record Video(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("width")] int? Width,
        [property: JsonPropertyName("height")] int? Height,
        [property: JsonPropertyName("duration")] double? Duration,
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("user")] User? User,
        [property: JsonPropertyName("video_files")] List<VideoFile>? VideoFiles);

    private sealed record User([property: JsonPropertyName("name")] string? Name, [property: JsonPropertyName("url")] string? Url);

    private sealed record VideoFile(
        [property: JsonPropertyName("quality")] string? Quality,
        [property: JsonPropertyName("file_type")] string? FileType,
        [property: JsonPropertyName("width")] int? Width,
        [property: JsonPropertyName("height")] int? Height,
        [property: JsonPropertyName("link")] string? Link);
}
