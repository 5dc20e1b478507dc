using System.Net;

namespace AiVideo.Memory.Analytics;

/// <summary>Checks and normalises the base URL of an analytics API (https, or plain http for a loopback fake).</summary>
internal static class AnalyticsBaseUrl
{
    /// <summary>What is wrong with <paramref name="baseUrl"/>, as a sentence; null when it is usable.</summary>
    public static string? Check(string label, string baseUrl)
    {
        if (string.IsNullOrWhiteSpace(baseUrl)) return $"{label} BaseUrl is missing";
        if (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host))
        {
            return $"{label} BaseUrl '{baseUrl}' is not an absolute URL";
        }
        if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
        {
            return $"{label} BaseUrl '{baseUrl}' must be an https URL, not {uri.Scheme}";
        }
        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            return $"{label} BaseUrl '{baseUrl}' must use https (plain http is only allowed for a loopback host)";
        }
        if (!string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return $"{label} BaseUrl '{baseUrl}' should have no query, fragment or credentials";
        }
        return null;
    }

    /// <summary>The base URL without a trailing slash, ready for a path starting with <c>/</c>.</summary>
    public static string Normalize(string baseUrl) => baseUrl.Trim().TrimEnd('/');

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
