namespace AiVideo.Host.Cli;

/// <summary>
/// Ctrl+C as an event. A command that wants finer control (chat: cancel the current turn, not the session)
/// subscribes; everything else is cancelled through the process-wide token.
/// </summary>
public sealed class InterruptSignal
{
    private readonly Lock _lock = new();
    private readonly List<Action> _handlers = [];

    /// <summary>Calls <paramref name="handler"/> on each interrupt until the returned scope is disposed.</summary>
    public IDisposable Subscribe(Action handler)
    {
        lock (_lock) _handlers.Add(handler);
        return new Subscription(this, handler);
    }

    /// <summary>Raises an interrupt; returns false when nobody is listening (the caller then cancels the process).</summary>
    public bool Raise()
    {
        Action[] handlers;
        lock (_lock) handlers = _handlers.ToArray();
        foreach (var handler in handlers) handler();
        return handlers.Length > 0;
    }

    private sealed class Subscription(InterruptSignal signal, Action handler) : IDisposable
    {
        public void Dispose()
        {
            lock (signal._lock) signal._handlers.Remove(handler);
        }
    }
}
