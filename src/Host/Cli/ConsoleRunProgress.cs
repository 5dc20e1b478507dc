using System.Collections.Concurrent;
using System.Diagnostics;
using AiVideo.Core.Domain;
using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Cli;

/// <summary>Live progress on stderr (stdout stays clean for --json): steps, per-item percentages in 25% steps, gates.</summary>
public sealed class ConsoleRunProgress(TextWriter output) : IRunProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly ConcurrentDictionary<string, int> _lastQuarter = new();
    private readonly Lock _gate = new();

    public void StepStarted(string step, int attempt) =>
        Write(attempt > 1 ? $"{step}: attempt {attempt}" : $"{step}: started");

    public void Percent(string step, string item, double fraction)
    {
        var quarter = (int)Math.Floor(Math.Clamp(fraction, 0, 1) * 4);
        var key = step + "|" + item;
        var previous = _lastQuarter.GetOrAdd(key, -1);
        if (quarter > previous && _lastQuarter.TryUpdate(key, quarter, previous))
        {
            Write($"{step}: {item} {quarter * 25}%");
        }
    }

    public void Gate(GateResult gate) => Write($"{(gate.Passed ? "PASS" : "FAIL")} {gate.Name}: {gate.Reason}");

    public void Info(string message) => Write(message);

    private void Write(string line)
    {
        lock (_gate)
        {
            output.WriteLine($"[{_clock.Elapsed.TotalSeconds,6:0.0}s] {line}");
        }
    }
}

/// <summary>No output (tests, --quiet).</summary>
public sealed class SilentRunProgress : IRunProgress
{
    public void StepStarted(string step, int attempt) { }
    public void Percent(string step, string item, double fraction) { }
    public void Gate(GateResult gate) { }
    public void Info(string message) { }
}
