using AiVideo.Core;
using AiVideo.Core.Workspace;
using Microsoft.Extensions.Logging;
using ModelContextProtocol;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace AiVideo.McpServers.Hosting;

/// <summary>
/// Turns errors a caller can act on (bad path, bad argument, missing file, failed media tool) into a tool error
/// whose single line says what is wrong, instead of the SDK's generic message. Anything else is logged to
/// stderr and reported without a stack trace.
/// </summary>
public static class ToolErrorFilter
{
    public static McpRequestFilter<CallToolRequestParams, CallToolResult> Create() => next => async (context, cancellationToken) =>
    {
        try
        {
            return await next(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (IsCallerError(ex))
        {
            return Error(ex.Message);
        }
        catch (McpException)
        {
            throw;
        }
        catch (Exception ex)
        {
            var logger = context.Services?.GetService(typeof(ILoggerFactory)) is ILoggerFactory f
                ? f.CreateLogger("AiVideo.McpServers.Tools")
                : null;
            logger?.LogError(ex, "Tool {Tool} failed", context.Params?.Name);
            return Error($"{context.Params?.Name} failed: {ex.GetBaseException().Message}");
        }
    };

    public static CallToolResult Error(string message) => new()
    {
        IsError = true,
        Content = [new TextContentBlock { Text = message }],
    };

    private static bool IsCallerError(Exception ex) =>
        ex is WorkspacePathException or InvalidInputException or ArgumentException or FileNotFoundException;
}
