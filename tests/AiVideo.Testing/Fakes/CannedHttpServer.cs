using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace AiVideo.Testing.Fakes;

/// <summary>
/// A loopback HTTP server that stands in for a cloud API: records each request and answers with a canned status,
/// content type and body. Bounded: it serves at most <see cref="MaxRequests"/> requests and stops on dispose.
/// </summary>
public sealed class CannedHttpServer : IDisposable
{
    public const int MaxRequests = 500;

    private readonly HttpListener _listener = new();
    private readonly Task _loop;
    private readonly CancellationTokenSource _stop = new();

    public CannedHttpServer(int status, string body, string contentType = "application/json")
    {
        Status = status;
        Body = body;
        ContentType = contentType;
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }
    public string BaseUrl => $"http://127.0.0.1:{Port}";
    public int Status { get; set; }
    public string Body { get; set; }
    public string ContentType { get; set; }
    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>When set, answers every request that <see cref="Sequence"/> does not (a fake API with routes and state).</summary>
    public Func<RecordedRequest, (int Status, string Body)>? Handler { get; set; }

    /// <summary>Extra response headers for an answer (e.g. Retry-After on a 429), given the request and the status about to be sent; null: none.</summary>
    public Func<RecordedRequest, int, IReadOnlyDictionary<string, string>?>? ResponseHeaders { get; set; }

    /// <summary>Answers to give first, in order, before the handler or the canned status and body.</summary>
    public ConcurrentQueue<(int Status, string Body)> Sequence { get; } = new();

    private async Task ServeAsync()
    {
        for (var served = 0; served < MaxRequests && !_stop.IsCancellationRequested; served++)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync().WaitAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            var body = await reader.ReadToEndAsync().ConfigureAwait(false);
            var headers = context.Request.Headers.AllKeys.Where(k => k is not null)
                .ToDictionary(k => k!, k => context.Request.Headers[k] ?? "", StringComparer.OrdinalIgnoreCase);
            var request = new RecordedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Url.Query, headers, body);
            Requests.Enqueue(request);
            var (status, reply) = Sequence.TryDequeue(out var next) ? next : Handler is { } handler ? handler(request) : (Status, Body);
            var bytes = Encoding.UTF8.GetBytes(reply);
            context.Response.StatusCode = status;
            foreach (var (name, value) in ResponseHeaders?.Invoke(request, status) ?? new Dictionary<string, string>())
            {
                context.Response.AddHeader(name, value);
            }
            context.Response.ContentType = ContentType;
            context.Response.ContentLength64 = bytes.Length;
            await context.Response.OutputStream.WriteAsync(bytes).ConfigureAwait(false);
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(2));
        }
        catch (AggregateException)
        {
        }
        _stop.Dispose();
    }
}

public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);
