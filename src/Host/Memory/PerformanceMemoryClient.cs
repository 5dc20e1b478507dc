using AiVideo.Core.Workspace;
using AiVideo.Host.Mcp;
using Microsoft.Extensions.Logging;

namespace AiVideo.Host.Memory;

/// <summary>
/// The performance memory as the CLI reaches it: through the Publish server's tools (recall_performance,
/// register_publication, list_performance, import_metrics, record_performance_batch), exactly as any other MCP client
/// would. The CLI never opens the server's database. Every call has a deadline.
/// </summary>
public sealed class PerformanceMemoryClient(McpToolbox toolbox, TimeSpan? callTimeout = null) : IAsyncDisposable
{
    private readonly McpToolbox? _owned;
    private readonly TimeSpan _timeout = callTimeout ?? TimeSpan.FromMinutes(2);

    private PerformanceMemoryClient(McpToolbox owned, bool owns, TimeSpan? callTimeout)
        : this(owned, callTimeout) => _owned = owns ? owned : null;

    /// <summary>Starts only the Publish server of <paramref name="mcpConfigPath"/> for an output folder.</summary>
    public static async Task<PerformanceMemoryClient> StartAsync(string mcpConfigPath, string outDirectory, string? workspace, MemoryConfiguration memory,
        ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        var toolbox = await McpToolbox.StartAsync(new McpServerCatalog(mcpConfigPath), ServerEnvironment(outDirectory, workspace, memory), loggerFactory, [McpToolbox.Publish],
            timeout.Token).ConfigureAwait(false);
        return new PerformanceMemoryClient(toolbox, owns: true, null);
    }

    /// <summary>What every server started for an output folder gets: the workspace, the out folder and the memory settings.</summary>
    public static Dictionary<string, string> ServerEnvironment(string outDirectory, string? workspace, MemoryConfiguration memory)
    {
        var environment = new Dictionary<string, string>(memory.ServerEnvironment, StringComparer.Ordinal)
        {
            [ArtifactWorkspace.EnvironmentVariable] = Path.GetFullPath(workspace
                ?? Environment.GetEnvironmentVariable(ArtifactWorkspace.EnvironmentVariable)
                ?? ArtifactWorkspace.DefaultRelativeRoot),
            ["AIVIDEO_OUT"] = Path.GetFullPath(outDirectory),
        };
        return environment;
    }

    public Task<PerformanceContext> RecallAsync(string channelId, string topic, CancellationToken cancellationToken) =>
        CallAsync<PerformanceContext>("recall_performance", new() { ["channelId"] = channelId, ["topic"] = topic }, cancellationToken);

    public Task<RegisterPublicationToolResult> RegisterAsync(string platform, string videoId, string channelId, string title, string hook, string topic,
        IReadOnlyList<string> beats, double durationSec, DateTimeOffset postedAt, string? runId, CancellationToken cancellationToken) =>
        CallAsync<RegisterPublicationToolResult>("register_publication", new()
        {
            ["platform"] = platform, ["videoId"] = videoId, ["channelId"] = channelId, ["title"] = title, ["hook"] = hook, ["topic"] = topic,
            ["beats"] = beats, ["durationSec"] = durationSec, ["postedAt"] = postedAt, ["runId"] = runId,
        }, cancellationToken);

    public Task<IReadOnlyList<PerformanceVideoToolResult>> ListAsync(string channelId, string? platform, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<PerformanceVideoToolResult>>("list_performance", new() { ["channelId"] = channelId, ["platform"] = platform }, cancellationToken);

    public Task<ImportMetricsToolResult> ImportCsvAsync(string csv, string source, CancellationToken cancellationToken) =>
        CallAsync<ImportMetricsToolResult>("import_metrics", new() { ["csv"] = csv, ["source"] = source }, cancellationToken);

    public Task<RecordPerformanceBatchToolResult> RecordBatchAsync(IReadOnlyList<ObservedMetrics> observations, string source, CancellationToken cancellationToken) =>
        CallAsync<RecordPerformanceBatchToolResult>("record_performance_batch", new() { ["observations"] = observations, ["source"] = source }, cancellationToken);

    private async Task<T> CallAsync<T>(string tool, Dictionary<string, object?> arguments, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        try
        {
            return await toolbox.CallAsync<T>(McpToolbox.Publish, tool, arguments, null, timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ToolCallException(McpToolbox.Publish, tool, $"no answer within {_timeout.TotalSeconds:0} s", isTransient: true);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is not null) await _owned.DisposeAsync().ConfigureAwait(false);
    }
}
