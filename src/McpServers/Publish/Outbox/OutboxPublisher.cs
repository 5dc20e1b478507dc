using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Core.Publishing;
using AiVideo.Media.Probing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AiVideo.McpServers.Publish.Outbox;

/// <summary>
/// The embedded publisher: writes the video and the exact metadata a platform would receive under
/// <c>&lt;out&gt;/published/&lt;platform&gt;/&lt;yyyyMMdd&gt;-&lt;channel&gt;-&lt;key&gt;/</c> and records it in SQLite.
/// Exactly once per idempotency key: a repeated key returns the first receipt and writes nothing. Files are staged
/// and moved into place inside the ledger's write transaction, so a failure never leaves half a publication.
/// </summary>
public sealed class OutboxPublisher : IPublisher
{
    public const string Published = "published";

    private readonly OutboxLedger _ledger;
    private readonly MediaProbe _probe;
    private readonly TimeProvider _time;
    private readonly ILogger<OutboxPublisher> _logger;
    private readonly string _publishedRoot;

    public OutboxPublisher(IOptions<OutboxOptions> options, MediaProbe probe, TimeProvider time, ILogger<OutboxPublisher> logger)
    {
        var root = Path.GetFullPath(options.Value.OutRoot);
        _publishedRoot = Path.Combine(root, "published");
        _ledger = new OutboxLedger(Storage.PublishDatabase.PathFor(root));
        _probe = probe;
        _time = time;
        _logger = logger;
    }

    public string Name => "outbox";

    public bool Supports(string platform) => PlatformNames.IsKnown(platform);

    public async Task<PublishReceipt> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        PlatformLimits.Validate(request.Platform, request.Metadata);
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > 128)
        {
            throw new InvalidInputException("idempotencyKey must be 1..128 characters");
        }
        await EnsureVideoAsync(request.VideoPath, cancellationToken).ConfigureAwait(false);
        var sha = await IdempotencyKeys.FileSha256Async(request.VideoPath, cancellationToken).ConfigureAwait(false);

        using var connection = _ledger.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (_ledger.Find(connection, request.IdempotencyKey, transaction) is { } existing)
        {
            _logger.LogInformation("Key {Key} already published as {ExternalId}; nothing written", request.IdempotencyKey, existing.ExternalId);
            return existing with { Duplicate = true };
        }

        var now = _time.GetUtcNow();
        var shortKey = Safe(request.IdempotencyKey)[..Math.Min(12, Safe(request.IdempotencyKey).Length)];
        var target = Path.Combine(_publishedRoot, request.Platform, $"{now:yyyyMMdd}-{request.Metadata.ChannelId}-{shortKey}");
        var receipt = new PublishReceipt(request.Platform, request.IdempotencyKey, $"outbox-{shortKey}", target, Published, now, Duplicate: false);
        var staging = Path.Combine(_publishedRoot, ".staging", Guid.NewGuid().ToString("N"));
        try
        {
            Directory.CreateDirectory(staging);
            File.Copy(request.VideoPath, Path.Combine(staging, "video.mp4"));
            var metadata = Metadata(request, receipt, sha, new FileInfo(request.VideoPath).Length);
            await File.WriteAllTextAsync(Path.Combine(staging, "metadata.json"), metadata.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), cancellationToken).ConfigureAwait(false);

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (Directory.Exists(target))
            {
                // Left by a crash between the move and the ledger insert: it was never recorded, so it never landed.
                Directory.Delete(target, recursive: true);
            }
            Directory.Move(staging, target);
            try
            {
                _ledger.Insert(connection, transaction, receipt, request.Metadata.ChannelId, sha);
                transaction.Commit();
            }
            catch
            {
                Directory.Delete(target, recursive: true);
                throw;
            }
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
        _logger.LogInformation("Published {Platform} {Key} to {Location}", request.Platform, request.IdempotencyKey, target);
        return receipt;
    }

    public Task<PublishReceipt?> FindAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        using var connection = _ledger.Open();
        return Task.FromResult(_ledger.Find(connection, idempotencyKey));
    }

    public Task<IReadOnlyList<PublishReceipt>> ListAsync(string? platform, string? channelId, int limit, CancellationToken cancellationToken) =>
        Task.FromResult(_ledger.List(platform, channelId, limit));

    private async Task EnsureVideoAsync(string path, CancellationToken cancellationToken)
    {
        MediaInfo info;
        try
        {
            info = await _probe.ProbeAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException)
        {
            throw new InvalidInputException($"'{Path.GetFileName(path)}' is not a video file");
        }
        if (info.VideoCodec is null || info.Width == 0)
        {
            throw new InvalidInputException($"'{Path.GetFileName(path)}' has no video stream");
        }
    }

    private static JsonObject Metadata(PublishRequest request, PublishReceipt receipt, string sha, long size) => new()
    {
        ["platform"] = request.Platform,
        ["title"] = request.Metadata.Title,
        ["caption"] = request.Metadata.Caption,
        ["hashtags"] = new JsonArray(request.Metadata.Hashtags.Select(h => (JsonNode?)JsonValue.Create(h)).ToArray()),
        ["channelId"] = request.Metadata.ChannelId,
        ["idempotencyKey"] = request.IdempotencyKey,
        ["externalId"] = receipt.ExternalId,
        ["videoSha256"] = sha,
        ["sizeBytes"] = size,
        ["publishedAt"] = receipt.PublishedAt.ToString("O"),
        ["platformRequest"] = PlatformRequestShape.For(request.Platform, request.Metadata),
    };

    private static string Safe(string key) => new string(key.Where(char.IsAsciiLetterOrDigit).ToArray()) is { Length: > 0 } s ? s : "key";
}
