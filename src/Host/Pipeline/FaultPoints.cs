using System.Diagnostics;
using AiVideo.Core;

namespace AiVideo.Host.Pipeline;

/// <summary>
/// Named points where a crash or failure can be forced, for crash tests and the reliability benchmark:
/// <c>AIVIDEO_FAULTS="kill@step:assemble,fail@publish:after_intent"</c>. <c>kill</c> ends the process at once, as
/// SIGKILL would (no cleanup, no report); <c>fail</c> throws, so the run dead-letters at that step. Each point fires
/// once per process. Points: <c>step:&lt;name&gt;</c> (an attempt of a step starts), <c>publish:after_intent</c>,
/// <c>publish:after_call</c>. Off unless the variable is set.
/// </summary>
public sealed class FaultPoints
{
    public const string EnvironmentVariable = "AIVIDEO_FAULTS";

    private readonly Dictionary<string, string> _points;
    private readonly HashSet<string> _fired = [];
    private readonly Lock _lock = new();

    public FaultPoints(string? spec)
    {
        _points = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in (spec ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var at = item.IndexOf('@');
            var (mode, point) = at > 0 ? (item[..at], item[(at + 1)..]) : ("", item);
            if (mode is not ("kill" or "fail") || point.Length == 0)
            {
                throw new InvalidInputException($"{EnvironmentVariable}: '{item}' is not kill@POINT or fail@POINT");
            }
            _points[point] = mode;
        }
    }

    public static FaultPoints None { get; } = new(null);

    public static FaultPoints FromEnvironment() => new(Environment.GetEnvironmentVariable(EnvironmentVariable));

    public void Hit(string point)
    {
        string? mode;
        lock (_lock)
        {
            if (!_points.TryGetValue(point, out mode) || !_fired.Add(point)) return;
        }
        if (mode == "kill")
        {
            Process.GetCurrentProcess().Kill();
            Thread.Sleep(Timeout.Infinite);
        }
        throw new FaultInjectedException(point);
    }
}

/// <summary>A failure forced at a fault point.</summary>
public sealed class FaultInjectedException(string point) : Exception($"fault injected at {point}");
