using Microsoft.Extensions.Logging;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>
/// Downloads a picked rendition at once into the stock cache (temporary file, moved into place when complete); a file
/// already in the cache is not downloaded again. Downloads do not count against the API rate limit (they are files on
/// the providers' CDNs), but get the same bounded retries.
/// </summary>
public sealed class StockDownloader(HttpClient http, ILogger<StockDownloader> logger)
{
    /// <returns>True when it was downloaded now, false when it was cached.</returns>
    public async Task<bool> EnsureAsync(string url, string fullPath, string itemKey, CancellationToken cancellationToken)
    {
        if (File.Exists(fullPath)) return false;
        var directory = Path.GetDirectoryName(fullPath)!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(fullPath)}.{Guid.NewGuid():N}.partial");
        try
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw new StockApiException($"download of {itemKey} failed ({(int)response.StatusCode}); the link may have expired — the item will be searched again next time");
            }
            await using (var source = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
            await using (var target = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, useAsync: true))
            {
                await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
            }
            if (new FileInfo(temp).Length == 0) throw new StockApiException($"download of {itemKey} was empty");
            File.Move(temp, fullPath, overwrite: true);
            logger.LogInformation("Downloaded {Item} to {Path} ({Bytes} bytes)", itemKey, fullPath, new FileInfo(fullPath).Length);
            return true;
        }
        finally
        {
            try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
