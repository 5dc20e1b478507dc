using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// Search answers kept on disk for a while (Pixabay's terms: cache for 24 h): one file per request, named by a hash of
/// the request WITHOUT the key (<c>&lt;folder&gt;/&lt;sha256&gt;.json</c>, the answer and when it was fetched). An entry
/// older than the lifetime (by <see cref="TimeProvider"/>) is not used, and is replaced when the request is made again.
/// </summary>
public sealed class StockResponseCache(string folder, TimeSpan lifetime, TimeProvider time)
{
    public static string Key(string requestWithoutKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(requestWithoutKey)));

    public string PathOf(string key) => Path.Combine(folder, key + ".json");

    public string? TryGet(string key)
    {
        var path = PathOf(key);
        if (!File.Exists(path)) return null;
        try
        {
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(path));
            if (entry is null || time.GetUtcNow() - entry.FetchedAt >= lifetime || entry.FetchedAt > time.GetUtcNow() + TimeSpan.FromMinutes(5)) return null;
            return entry.Body;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
    }

    public async Task PutAsync(string key, string body, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        var path = PathOf(key);
        var temp = path + string.Create(CultureInfo.InvariantCulture, $".{Guid.NewGuid():N}.partial");
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(new Entry(time.GetUtcNow(), body)), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    private sealed record Entry(DateTimeOffset FetchedAt, string Body);
}
