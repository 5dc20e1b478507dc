using System.Collections.Concurrent;
using System.Diagnostics;
using AiVideo.Agents.Decisions;
using AiVideo.Core.Domain;

namespace AiVideo.Host.Pipeline;

/// <summary>What happened in a run: steps with attempts and time, every gate verdict, every publish receipt.</summary>
public sealed class RunJournal(IRunProgress progress, IRunRecorder? recorder = null, FaultPoints? faults = null) : IAgentDecisionSink
{
    private readonly FaultPoints _faults = faults ?? FaultPoints.None;
    private readonly IRunRecorder _recorder = recorder ?? NullRunRecorder.Instance;
    private readonly ConcurrentQueue<AgentDecision> _decisions = new();
    private readonly ConcurrentDictionary<string, StepRecord> _steps = new();
    private readonly ConcurrentQueue<GateResult> _gates = new();
    private readonly ConcurrentQueue<PublishReceipt> _receipts = new();
    private readonly ConcurrentQueue<string> _order = new();

    public IRunProgress Progress { get; } = progress;

    /// <summary>The script that passed the script gate (null until then).</summary>
    public VideoScript? Script { get; private set; }

    public string? ScriptWriter { get; private set; }

    public void ScriptApproved(VideoScript script, string writer)
    {
        Script = script;
        ScriptWriter = writer;
    }

    public IReadOnlyList<StepRecord> Steps => _order.Distinct().Select(n => _steps[n]).ToList();

    public IReadOnlyList<GateResult> Gates => _gates.ToList();

    public IReadOnlyList<PublishReceipt> Receipts => _receipts.ToList();

    /// <summary>Times one attempt of a step; dispose the scope when the attempt ends.</summary>
    public IDisposable Step(string name)
    {
        var record = _steps.GetOrAdd(name, n =>
        {
            _order.Enqueue(n);
            return new StepRecord(n, _order.Count);
        });
        Interlocked.Increment(ref record.AttemptCount);
        Progress.StepStarted(name, record.AttemptCount);
        _recorder.Step(record.Name, record.Ordinal, record.Attempts, record.ElapsedMs);
        _faults.Hit($"step:{name}");
        return new StepScope(record, Stopwatch.StartNew(), _recorder);
    }

    /// <summary>Passes a named fault point (see <see cref="FaultPoints"/>).</summary>
    public void Fault(string point) => _faults.Hit(point);

    /// <summary>Reloads what a run recorded before a restart, so its report stays complete.</summary>
    public void Restore(IEnumerable<(string Step, int Attempts, long ElapsedMs)> steps, IEnumerable<GateResult> gates, IEnumerable<AgentDecision> decisions, IEnumerable<PublishReceipt> receipts)
    {
        foreach (var (step, attempts, ms) in steps)
        {
            var record = _steps.GetOrAdd(step, n =>
            {
                _order.Enqueue(n);
                return new StepRecord(n, _order.Count);
            });
            record.AttemptCount = attempts;
            record.Add(ms);
        }
        foreach (var g in gates) _gates.Enqueue(g);
        foreach (var d in decisions) _decisions.Enqueue(d);
        foreach (var r in receipts) _receipts.Enqueue(r);
    }

    public void Gate(GateResult gate)
    {
        _gates.Enqueue(gate);
        _recorder.Gate(gate);
        Progress.Gate(gate);
    }

    public IReadOnlyList<AgentDecision> Decisions => _decisions.ToList();

    public void Record(AgentDecision decision)
    {
        _decisions.Enqueue(decision);
        _recorder.Decision(decision);
        var tokens = decision.InputTokens is null && decision.OutputTokens is null ? "" : $" ({decision.InputTokens ?? 0}+{decision.OutputTokens ?? 0} tokens)";
        Progress.Info($"{decision.Agent} agent, {decision.Subject}: {decision.Verdict}{tokens}{(decision.Reasons.Count > 0 ? " — " + string.Join("; ", decision.Reasons) : "")}");
    }

    /// <summary>The outcome the workflow ended with (null until its end step ran).</summary>
    public RunOutcome? Outcome { get; private set; }

    public void Ended(RunOutcome outcome)
    {
        Outcome = outcome;
        _recorder.Outcome(outcome);
        _faults.Hit("run:after_outcome");
    }

    public void Published(PublishReceipt receipt)
    {
        _receipts.Enqueue(receipt);
        Progress.Info($"published to {receipt.Platform}: {receipt.Location}{(receipt.Duplicate ? " (already published, not duplicated)" : "")}");
    }

    public sealed class StepRecord(string name, int ordinal)
    {
        public int Ordinal { get; } = ordinal;
        internal int AttemptCount;
        private long _elapsedMs;

        public string Name { get; } = name;
        public int Attempts => AttemptCount;
        public long ElapsedMs => Interlocked.Read(ref _elapsedMs);

        internal void Add(long ms) => Interlocked.Add(ref _elapsedMs, ms);
    }

    private sealed class StepScope(StepRecord record, Stopwatch watch, IRunRecorder recorder) : IDisposable
    {
        public void Dispose()
        {
            record.Add(watch.ElapsedMilliseconds);
            recorder.Step(record.Name, record.Ordinal, record.Attempts, record.ElapsedMs);
        }
    }
}
