namespace AiVideo.Memory.Tests.Analytics;

/// <summary>An HTTP handler whose first <c>failures</c> sends throw a network error; later ones go through.</summary>
internal sealed class FailFirstHandler(int failures) : DelegatingHandler(new HttpClientHandler())
{
    private int _calls;

    public int Calls => _calls;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        Interlocked.Increment(ref _calls) <= failures
            ? Task.FromException<HttpResponseMessage>(new HttpRequestException("Connection refused (simulated)"))
            : base.SendAsync(request, cancellationToken);
}
