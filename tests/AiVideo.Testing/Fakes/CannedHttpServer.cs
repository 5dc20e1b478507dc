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

    /// <summary>
    /// When set, asked first: a non-null answer is sent as it is (binary bodies, response headers such as Retry-After);
    /// null falls through to <see cref="Sequence"/>, <see cref="Handler"/> and the canned status and body.
    /// </summary>
    public Func<RecordedRequest, CannedResponse?>? Responder { get; set; }

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
            var response = Responder?.Invoke(request);
            if (response is null)
            {
                var (status, reply) = Sequence.TryDequeue(out var next) ? next : Handler is { } handler ? handler(request) : (Status, Body);
                response = new CannedResponse(status, Encoding.UTF8.GetBytes(reply));
            }
            var bytes = response.Body;
            context.Response.StatusCode = response.Status;
            context.Response.ContentType = response.ContentType ?? ContentType;
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) context.Response.Headers[name] = value;
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

/// <summary>A full answer for <see cref="CannedHttpServer.Responder"/>: status, raw body, content type (null: the server's) and headers.</summary>
public sealed record CannedResponse(int Status, byte[] Body, string? ContentType = null, IReadOnlyDictionary<string, string>? Headers = null)
{
    public static CannedResponse Text(int status, string body, IReadOnlyDictionary<string, string>? headers = null) => new(status, Encoding.UTF8.GetBytes(body), null, headers);
}

public sealed record RecordedRequest(string Method, string Path, string Query, IReadOnlyDictionary<string, string> Headers, string Body);
