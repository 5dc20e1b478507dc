using AiVideo.Core.Providers;
using AiVideo.Host.Mcp;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace AiVideo.Host.Resilience;

/// <summary>Which failures are worth another try. Bad input, failed gates and unknown tool errors are permanent and fail fast.</summary>
public static class TransientErrors
{
    public static bool IsTransient(Exception ex) => ex switch
    {
        ToolCallException t => t.IsTransient,
        TransientProviderException or TimeoutRejectedException or TimeoutException or HttpRequestException or IOException => true,
        BrokenCircuitException => false,
        _ => false,
    };
}
