namespace AiVideo.McpServers.Publish.TikTok;

/// <summary>
/// An in-process sliding one-minute window per channel (TikTok counts per access token): waits until a call fits
/// (6 inits/min, 30 status fetches/min). Not persisted: a restarted server may exceed it once, which TikTok answers
/// with 429 rate_limit_exceeded — retried after a wait.
/// </summary>
public sealed class TikTokRateLimiter(int perMinute, TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private readonly Dictionary<string, Queue<DateTimeOffset>> _calls = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task WaitAsync(string channelId, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_calls.TryGetValue(channelId, out var calls)) _calls[channelId] = calls = new Queue<DateTimeOffset>();
            while (true)
            {
                var now = time.GetUtcNow();
                while (calls.Count > 0 && now - calls.Peek() >= Window) calls.Dequeue();
                if (calls.Count < perMinute)
                {
                    calls.Enqueue(now);
                    return;
                }
                await Task.Delay(calls.Peek() + Window - now, time, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _gate.Release();
        }
    }
}
