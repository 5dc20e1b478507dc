using AiVideo.Core;
using AiVideo.Core.Providers;
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
        catch (SourceCannotFillException ex)
        {
            // Not an error to retry: the caller moves on to its next visual source.
            return Error(SourceCannotFillException.ToolErrorPrefix + ex.Message);
        }
        catch (Exception ex) when (IsCallerError(ex))
        {
            return Error(ex.Message);
        }
        catch (Exception ex) when (ex is TransientProviderException or IOException or TimeoutException or HttpRequestException)
        {
            // Worth retrying: the caller's resilience pipeline reads the prefix.
            return Error(TransientProviderException.ToolErrorPrefix + $"{context.Params?.Name}: {ex.Message}");
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or FormatException or InvalidOperationException && IsArgumentBinding(ex))
        {
            return Error($"{context.Params?.Name}: an argument has the wrong type ({ex.GetBaseException().Message}); see the tool's inputSchema");
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

    /// <summary>True when the exception came from turning the call's JSON arguments into the tool's parameters.</summary>
    private static bool IsArgumentBinding(Exception ex) =>
        ex.GetBaseException() is System.Text.Json.JsonException or FormatException
        || (ex.StackTrace?.Contains("System.Text.Json", StringComparison.Ordinal) ?? false);

    private static bool IsCallerError(Exception ex) =>
        ex is WorkspacePathException or InvalidInputException or ArgumentException or FileNotFoundException or DirectoryNotFoundException;
}
