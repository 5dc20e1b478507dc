using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiVideo.Media.Probing;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.Media.Library;

/// <summary>An indexed library: its items and what indexing it took this time.</summary>
/// <param name="Probed">Items whose media facts were read again (new or changed files).</param>
/// <param name="Embedded">Items whose text was embedded again (new, changed text, other model).</param>
/// <param name="FromCache">True when nothing had changed since the last index.</param>
public sealed record LibraryCatalog(string Folder, IReadOnlyList<LibraryItem> Items, string Fingerprint, int Probed, int Embedded, bool FromCache, TimeSpan Elapsed);

/// <summary>
/// Indexes a library folder once and again only when it changes. Every call lists the folder (names, sizes, modification
/// times, sidecar/tag text: cheap), and when that fingerprint equals the cached one the cached index is used as it is;
/// otherwise only new or changed files are probed (ffprobe) and only new or changed texts embedded (the configured
/// <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/>; a different model re-embeds everything). The index is cached
/// in memory and as JSON under <c>cacheDirectory</c> (the Render server's own data), one file per folder.
/// </summary>
public sealed class LibraryIndexer(MediaProbe probe, IEmbeddingGenerator<string, Embedding<float>> embedder, string cacheDirectory, ILogger<LibraryIndexer>? logger = null)
{
    private const int CacheVersion = 1;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<string, LibraryCatalog> _memory = new(StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger<LibraryIndexer>.Instance;

    /// <summary>The embedding model's identity (a change re-embeds every item).</summary>
    public string ModelId { get; } = ModelIdentity(embedder);

    public async Task<LibraryCatalog> IndexAsync(string folder, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var root = Path.GetFullPath(folder);
        if (!Directory.Exists(root)) throw new DirectoryNotFoundException($"library folder '{folder}' does not exist");
        var files = LibraryFiles.List(root);
        var fingerprint = Fingerprint(files);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_memory.TryGetValue(root, out var known) && known.Fingerprint == fingerprint)
            {
                return known with { FromCache = true, Probed = 0, Embedded = 0, Elapsed = Stopwatch.GetElapsedTime(started) };
            }
            var cachePath = CachePath(root);
            var cached = known is null ? ReadCache(cachePath) : new CachedIndex(CacheVersion, ModelId, known.Fingerprint, known.Items.ToList());
            if (cached is not null && cached.Fingerprint == fingerprint && cached.Model == ModelId)
            {
                var loaded = new LibraryCatalog(root, cached.Items, fingerprint, 0, 0, true, Stopwatch.GetElapsedTime(started));
                _memory[root] = loaded;
                return loaded;
            }
            var catalog = await BuildAsync(root, files, fingerprint, cached, started, cancellationToken).ConfigureAwait(false);
            await WriteCacheAsync(cachePath, new CachedIndex(CacheVersion, ModelId, fingerprint, catalog.Items.ToList()), cancellationToken).ConfigureAwait(false);
            _memory[root] = catalog;
            _logger.LogInformation("Indexed library {Folder}: {Items} items ({Probed} probed, {Embedded} embedded) in {Ms} ms",
                root, catalog.Items.Count, catalog.Probed, catalog.Embedded, (long)catalog.Elapsed.TotalMilliseconds);
            return catalog;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The embedding of a query (same model as the items).</summary>
    public async Task<float[]> EmbedAsync(string text, CancellationToken cancellationToken)
    {
        var result = await embedder.GenerateAsync([text], cancellationToken: cancellationToken).ConfigureAwait(false);
        return result[0].Vector.ToArray();
    }

    private async Task<LibraryCatalog> BuildAsync(string root, IReadOnlyList<LibraryFile> files, string fingerprint, CachedIndex? cached, long started, CancellationToken cancellationToken)
    {
        var previous = (cached?.Items ?? []).ToDictionary(i => i.RelativePath, StringComparer.Ordinal);
        var sameModel = cached?.Model == ModelId;
        var slots = new LibraryItem?[files.Count];
        var needsEmbedding = new bool[files.Count];
        var fresh = new List<int>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            if (previous.TryGetValue(file.RelativePath, out var old) && old.SizeBytes == file.SizeBytes && old.ModifiedTicks == file.ModifiedTicks && old.Kind == file.Kind)
            {
                slots[i] = old with { Text = file.Text };
                needsEmbedding[i] = !sameModel || old.Text != file.Text || old.Vector.Length == 0;
            }
            else
            {
                fresh.Add(i);
            }
        }
        // New or changed files are probed a few at a time (ffprobe is a process each; most of a cold index).
        await Parallel.ForEachAsync(fresh, new ParallelOptions { MaxDegreeOfParallelism = Math.Clamp(Environment.ProcessorCount, 1, 4), CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                slots[i] = await ProbeAsync(files[i], ct).ConfigureAwait(false);
                needsEmbedding[i] = true;
            }).ConfigureAwait(false);
        var items = new List<LibraryItem>();
        var toEmbed = new List<int>();
        for (var i = 0; i < files.Count; i++)
        {
            if (slots[i] is not { } item) continue;
            if (needsEmbedding[i]) toEmbed.Add(items.Count);
            items.Add(item);
        }
        var probed = fresh.Count;
        if (toEmbed.Count > 0)
        {
            var vectors = await embedder.GenerateAsync(toEmbed.Select(i => items[i].Text), cancellationToken: cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < toEmbed.Count; k++) items[toEmbed[k]] = items[toEmbed[k]] with { Vector = vectors[k].Vector.ToArray() };
        }
        return new LibraryCatalog(root, items, fingerprint, probed, toEmbed.Count, false, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>The item's picture facts, or null (logged) when ffprobe cannot read a picture from it.</summary>
    private async Task<LibraryItem?> ProbeAsync(LibraryFile file, CancellationToken cancellationToken)
    {
        Core.Domain.MediaInfo info;
        try
        {
            info = await probe.ProbeAsync(file.FullPath, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            _logger.LogWarning("Library item {Item} skipped: {Reason}", file.RelativePath, ex.Message);
            return null;
        }
        var duration = file.Kind == LibraryItemKind.Still ? 0 : info.VideoDurationSec ?? info.DurationSec;
        if (info.Width <= 0 || info.Height <= 0 || (file.Kind == LibraryItemKind.Clip && duration <= 0))
        {
            _logger.LogWarning("Library item {Item} skipped: no picture ffprobe can read", file.RelativePath);
            return null;
        }
        return new LibraryItem(file.RelativePath, file.Kind, info.Width, info.Height, Math.Round(duration, 3), file.Text, file.SizeBytes, file.ModifiedTicks, []);
    }

    private string Fingerprint(IReadOnlyList<LibraryFile> files)
    {
        var text = new StringBuilder(ModelId).Append('\n');
        foreach (var f in files)
        {
            text.Append(f.RelativePath).Append('\u001f').Append(f.SizeBytes.ToString(CultureInfo.InvariantCulture)).Append('\u001f')
                .Append(f.ModifiedTicks.ToString(CultureInfo.InvariantCulture)).Append('\u001f').Append(f.Text).Append('\n');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    private string CachePath(string root) =>
        Path.Combine(cacheDirectory, "library-index", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(root)))[..20] + ".json");

    private CachedIndex? ReadCache(string path)
    {
        if (!File.Exists(path)) return null;
        try
        {
            var index = JsonSerializer.Deserialize<CachedIndex>(File.ReadAllText(path));
            return index?.Version == CacheVersion ? index : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            _logger.LogWarning("Library index cache {Path} unreadable ({Reason}); indexing again", path, ex.Message);
            return null;
        }
    }

    private static async Task WriteCacheAsync(string path, CachedIndex index, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + $".{Guid.NewGuid():N}.partial";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(index), cancellationToken).ConfigureAwait(false);
        File.Move(temp, path, overwrite: true);
    }

    private static string ModelIdentity(IEmbeddingGenerator<string, Embedding<float>> embedder)
    {
        var metadata = embedder.GetService<EmbeddingGeneratorMetadata>();
        return $"{metadata?.ProviderName ?? embedder.GetType().Name}/{metadata?.DefaultModelId ?? "default"}/{metadata?.DefaultModelDimensions?.ToString(CultureInfo.InvariantCulture) ?? "?"}";
    }

    private sealed record CachedIndex(int Version, string Model, string Fingerprint, List<LibraryItem> Items);
}
