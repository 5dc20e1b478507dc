using System.Net;

namespace AiVideo.Memory.Http;

/// <summary>
/// What an HTTP answer says about trying again, shared by the cloud clients of this library (Pinecone, analytics):
/// 429 and 5xx are worth another attempt, other statuses are not; <c>Retry-After</c> (seconds or a date) is the wait asked for.
/// </summary>
internal static class HttpRetryHints
{
    public static bool IsTransient(HttpStatusCode status) => IsTransient((int)status);

    public static bool IsTransient(int status) => status == (int)HttpStatusCode.TooManyRequests || status >= 500;

    /// <summary>The wait a <c>Retry-After</c> header asks for (never negative), or null when there is none.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage? response, DateTimeOffset now) => response?.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };
}
