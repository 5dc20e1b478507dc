using System.Globalization;
using System.Text.Json.Serialization;
using AiVideo.Core.Domain;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// Pixabay video search: <c>GET {base}/api/videos/?key=…&amp;q=…&amp;per_page=…</c>. Answers are cached on disk for
/// <see cref="PixabayOptions.CacheHours"/> (24 h, as Pixabay's terms require), keyed by the request without the key, so
/// the same search within a day makes no request. Results are ranked by their tags; Pixabay asks for no credit, but
/// the author and page are recorded anyway.
/// </summary>
public sealed class PixabayClient(HttpClient http, PixabayOptions options, StockResponseCache cache) : IStockSearchClient
{
    public const string License = "Pixabay Content License";

    /// <summary>Pixabay's limit on <c>q</c>.</summary>
    public const int MaxQueryLength = 100;

    public string Provider => VisualSources.Pixabay;

    public StockProviderOptions Options => options;

    public async Task<IReadOnlyList<StockItem>> SearchAsync(string query, CancellationToken cancellationToken)
    {
        var q = query.Length <= MaxQueryLength ? query : query[..MaxQueryLength];
        var parameters = string.Create(CultureInfo.InvariantCulture, $"q={Uri.EscapeDataString(q)}&per_page={options.PerPage}");
        var baseUrl = options.BaseUrl.TrimEnd('/');
        var key = StockResponseCache.Key($"GET {baseUrl}/api/videos/?{parameters}");
        var body = cache.TryGet(key);
        if (body is null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/api/videos/?key={Uri.EscapeDataString(options.ApiKey)}&{parameters}");
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
            body = await StockApiResponse.ReadBodyAsync(response, options, query, cancellationToken).ConfigureAwait(false);
            StockApiResponse.Parse<SearchPage>(body, options, query, p => p.Hits is not null); // only the documented answer is cached
            await cache.PutAsync(key, body, cancellationToken).ConfigureAwait(false);
        }
        var page = StockApiResponse.Parse<SearchPage>(body, options, query, p => p.Hits is not null);
        return page.Hits!.OfType<Hit>().Select(ToItem).ToList();
    }

    private StockItem ToItem(Hit hit)
    {
        var videos = hit.Videos;
        var renditions = new[] { videos?.Large, videos?.Medium, videos?.Small, videos?.Tiny }
            .Where(v => v is { Width: > 0, Height: > 0, Url.Length: > 0 })
            .Select(v => new StockRendition(v!.Width, v.Height, v.Url!, v.Size > 0 ? v.Size : null))
            .ToList();
        var largest = renditions.OrderByDescending(r => (long)r.Width * r.Height).FirstOrDefault();
        var author = hit.User is { Length: > 0 } user ? user : "unknown";
        var authorUrl = hit.User is { Length: > 0 } && hit.UserId > 0 ? string.Create(CultureInfo.InvariantCulture, $"https://pixabay.com/users/{hit.User}-{hit.UserId}/") : null;
        var credit = new VisualCredit("Pixabay", author, authorUrl, hit.PageUrl, License, Required: false);
        return new StockItem(Provider, hit.Id.ToString(CultureInfo.InvariantCulture), (hit.Tags ?? "").Replace(",", " ", StringComparison.Ordinal),
            hit.Duration ?? 0, largest?.Width ?? 0, largest?.Height ?? 0, renditions, credit);
    }

    private sealed record SearchPage([property: JsonPropertyName("hits")] List<Hit?>? Hits);

    private sealed record Hit(
        [property: JsonPropertyName("id")] long Id,
        [property: JsonPropertyName("pageURL")] string? PageUrl,
        [property: JsonPropertyName("tags")] string? Tags,
        [property: JsonPropertyName("duration")] double? Duration,
        [property: JsonPropertyName("user")] string? User,
        [property: JsonPropertyName("user_id")] long UserId,
        [property: JsonPropertyName("videos")] Videos? Videos);

    private sealed record Videos(
        [property: JsonPropertyName("large")] Rendition? Large,
        [property: JsonPropertyName("medium")] Rendition? Medium,
        [property: JsonPropertyName("small")] Rendition? Small,
        [property: JsonPropertyName("tiny")] Rendition? Tiny);

    private sealed record Rendition(
        [property: JsonPropertyName("url")] string? Url,
        [property: JsonPropertyName("width")] int Width,
        [property: JsonPropertyName("height")] int Height,
        [property: JsonPropertyName("size")] long Size);
}
