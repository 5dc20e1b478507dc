using System.Diagnostics;
using AiVideo.Core;
using AiVideo.Host.Pipeline;
using AiVideo.Host.Runs;
using AiVideo.Host.Runs.Store;

namespace AiVideo.Host.Cli;

/// <summary>
/// <c>aivideo runs list | show ID | resume ID</c>, <c>aivideo resume --all</c> and <c>aivideo dlq list | show ID | retry ID | discard ID</c>:
/// the run store read back, interrupted runs resumed (each under a lease, so two resumes never drive one run), dead
/// letters and partially published runs retried from their failed step, or discarded for good.
/// Exit codes: 0 published, 1 dead-lettered, 3 partially published, 2 bad input.
/// </summary>
public sealed class RunsCommand(TextWriter stdout, TextWriter stderr, VideoMaker maker)
{
    public async Task<int> RunAsync(string group, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var (verb, id, outDir, quiet, removeArtifacts) = Parse(group, args);
        IRunProgress progress = quiet ? new SilentRunProgress() : new ConsoleRunProgress(stderr);
        var store = RunStore.ForOutput(outDir);
        switch (group, verb)
        {
            case ("runs", "list"):
                var runs = store.ListRuns(limit: 50);
                if (runs.Count == 0) await stdout.WriteLineAsync($"no runs in {store.DatabasePath}").ConfigureAwait(false);
                foreach (var r in runs)
                {
                    var note = r.Status == RunStatuses.Waiting ? $"  — until {r.WaitUntil:yyyy-MM-dd HH:mm}Z: {r.Reason}" : r.FailedStep is null ? "" : $"  — {r.FailedStep}: {r.Reason}";
                    await stdout.WriteLineAsync($"{r.RunId}  {Status(r),-19} {r.ChannelId,-16} {r.Title}{note}").ConfigureAwait(false);
                }
                return 0;
            case ("runs", "show"):
                return await ShowAsync(store, id!).ConfigureAwait(false);
            case ("runs", "resume"):
                try
                {
                    return Exit(await maker.ResumeAsync(outDir, id!, progress, cancellationToken).ConfigureAwait(false));
                }
                catch (RunLeaseTakenException ex)
                {
                    await stderr.WriteLineAsync($"aivideo: {ex.Message}").ConfigureAwait(false);
                    return 1;
                }
            case ("resume", "--all"):
                return await ResumeAllAsync(store, outDir, progress, cancellationToken).ConfigureAwait(false);
            case ("dlq", "list"):
                var letters = store.DeadLetters();
                if (letters.Count == 0) await stdout.WriteLineAsync("the dead-letter queue is empty").ConfigureAwait(false);
                foreach (var d in letters)
                {
                    await stdout.WriteLineAsync($"{d.RunId}  {d.Status,-19} {d.Step,-13} retries {d.Retries}  {d.Title}  — {d.Reason}").ConfigureAwait(false);
                }
                return 0;
            case ("dlq", "show"):
                var letter = store.DeadLetters(10_000).FirstOrDefault(d => d.RunId == id) ?? throw new InvalidInputException($"run {id} is not in the dead-letter queue");
                await stdout.WriteLineAsync($"run {letter.RunId} '{letter.Title}' ({letter.ChannelId}) {(letter.Status == RunStatuses.PartiallyPublished ? "partially published, failed" : "dead-lettered")} at {letter.Step} on {letter.At:yyyy-MM-dd HH:mm:ss}Z, retried {letter.Retries} time(s)").ConfigureAwait(false);
                foreach (var l in store.Ledger(letter.RunId).Where(l => l.Confirmed)) await stdout.WriteLineAsync($"live: {l.Platform} → {l.Receipt?.Location}").ConfigureAwait(false);
                await stdout.WriteLineAsync($"reason: {letter.Reason}").ConfigureAwait(false);
                await stdout.WriteLineAsync("last gates:").ConfigureAwait(false);
                foreach (var g in letter.LastGates) await stdout.WriteLineAsync($"  {(g.Passed ? "PASS" : "FAIL")} {g.Name}: {g.Reason}").ConfigureAwait(false);
                await stdout.WriteLineAsync($"retry with: aivideo dlq retry {letter.RunId} --out {outDir}   (or end it: aivideo dlq discard {letter.RunId} --out {outDir})").ConfigureAwait(false);
                return 0;
            case ("dlq", "retry"):
                try
                {
                    return Exit(await maker.RetryAsync(outDir, id!, progress, cancellationToken).ConfigureAwait(false));
                }
                catch (RunLeaseTakenException ex)
                {
                    await stderr.WriteLineAsync($"aivideo: {ex.Message}").ConfigureAwait(false);
                    return 1;
                }
            case ("dlq", "discard"):
                return await DiscardAsync(store, id!, removeArtifacts).ConfigureAwait(false);
            default:
                throw new InvalidInputException($"unknown command '{group} {verb}' (see 'aivideo help')");
        }
    }

    private int Exit(MadeVideo made)
    {
        stderr.WriteLine(made.Summary);
        return made.ExitCode;
    }

    /// <summary>
    /// Resumes every run whose driver is gone, oldest first. Each is taken under its lease: a run another live process
    /// is driving (a concurrent resume --all) is skipped, never driven twice. Exit code: the worst outcome.
    /// </summary>
    private async Task<int> ResumeAllAsync(RunStore store, string outDir, IRunProgress progress, CancellationToken cancellationToken)
    {
        var now = DateTimeOffset.UtcNow;
        var interrupted = store.ListRuns(RunStatuses.Running, 500)
            .Concat(store.ListRuns(RunStatuses.Waiting, 500).Where(r => r.WaitUntil is null || r.WaitUntil <= now)) // waiting runs only once due
            .Where(r => r.Owner is null || !r.Owner.IsAlive()).OrderBy(r => r.StartedAt).ToList();
        if (interrupted.Count == 0) await stdout.WriteLineAsync("no interrupted runs").ConfigureAwait(false);
        var exit = 0;
        foreach (var r in interrupted)
        {
            try
            {
                var made = await maker.ResumeAsync(outDir, r.RunId, progress, cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync($"{r.RunId}: {made.Summary}").ConfigureAwait(false);
                exit = Worst(exit, made.ExitCode);
            }
            catch (RunLeaseTakenException ex)
            {
                await stdout.WriteLineAsync($"{r.RunId}: skipped — {ex.Message}").ConfigureAwait(false);
            }
            catch (InvalidInputException ex) when (store.GetRun(r.RunId) is { Status: not (RunStatuses.Running or RunStatuses.Waiting) })
            {
                // Another process finished it between the listing and the lease.
                await stdout.WriteLineAsync($"{r.RunId}: skipped — {ex.Message}").ConfigureAwait(false);
            }
        }
        return exit;
    }

    private static int Worst(int a, int b) => a == 1 || b == 1 ? 1 : Math.Max(a, b);

    private async Task<int> DiscardAsync(RunStore store, string id, bool removeArtifacts)
    {
        var run = store.GetRun(id) ?? throw new InvalidInputException($"no run '{id}' in {store.DatabasePath}");
        if (!store.Discard(id)) throw new InvalidInputException($"run {id} is not in the dead-letter queue");
        var removed = "";
        if (removeArtifacts)
        {
            var context = System.Text.Json.JsonSerializer.Deserialize<StoredRunContext>(run.ContextJson, AiVideo.Core.Json.AiVideoJson.Options);
            var root = Path.GetFullPath(context?.Options.Workspace ?? Environment.GetEnvironmentVariable(AiVideo.Core.Workspace.ArtifactWorkspace.EnvironmentVariable)
                ?? AiVideo.Core.Workspace.ArtifactWorkspace.DefaultRelativeRoot);
            var dir = Path.Combine(root, "runs", id);
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, recursive: true);
                removed = $"; removed its artifacts ({dir})";
            }
        }
        await stdout.WriteLineAsync($"discarded {id} '{run.Title}' ({run.Status}): it left the dead-letter queue for good{removed}").ConfigureAwait(false);
        return 0;
    }

    private async Task<int> ShowAsync(RunStore store, string id)
    {
        var run = store.GetRun(id) ?? throw new InvalidInputException($"no run '{id}' in {store.DatabasePath}");
        var journal = store.LoadJournal(id);
        await stdout.WriteLineAsync($"run {run.RunId} '{run.Title}' ({run.ChannelId}): {Status(run)}{(run.FailedStep is null ? "" : $" at {run.FailedStep}: {run.Reason}")}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"started {run.StartedAt:yyyy-MM-dd HH:mm:ss}Z{(run.FinishedAt is { } f ? $", finished {f:HH:mm:ss}Z" : "")}; checkpoints {store.Checkpoints(id).Count}; cost ${store.TotalCost(id):0.00}").ConfigureAwait(false);
        foreach (var (step, attempts, ms) in journal.Steps) await stdout.WriteLineAsync($"  step {step,-13} attempts {attempts}  {ms} ms").ConfigureAwait(false);
        foreach (var g in journal.Gates) await stdout.WriteLineAsync($"  {(g.Passed ? "PASS" : "FAIL")} {g.Name}: {g.Reason}").ConfigureAwait(false);
        foreach (var l in store.Ledger(id)) await stdout.WriteLineAsync($"  publish {l.Platform}: {l.State}{(l.Receipt is { } r ? $" → {r.Location}" : "")}").ConfigureAwait(false);
        if (run.ReportPath is not null) await stdout.WriteLineAsync($"report: {run.ReportPath}").ConfigureAwait(false);
        return 0;
    }

    private static string Status(StoredRun r) => r.Status == RunStatuses.Running && (r.Owner is null || !r.Owner.IsAlive()) ? "interrupted" : r.Status;

    private static (string Verb, string? Id, string Out, bool Quiet, bool RemoveArtifacts) Parse(string group, IReadOnlyList<string> args)
    {
        string? verb = null, id = null;
        var outDir = "out";
        var quiet = false;
        var removeArtifacts = false;
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--out": outDir = i + 1 < args.Count ? args[++i] : throw new InvalidInputException("--out needs a value"); break;
                case "--quiet": quiet = true; break;
                case "--remove-artifacts" when group == "dlq": removeArtifacts = true; break;
                case "--all" when group == "resume": verb = "--all"; break;
                case var a when a.StartsWith("--", StringComparison.Ordinal): throw new InvalidInputException($"unknown option '{a}' for {group}");
                case var a when verb is null: verb = a; break;
                case var a when id is null: id = a; break;
                default: throw new InvalidInputException($"unexpected argument '{args[i]}' for {group}");
            }
        }
        if (verb is null) throw new InvalidInputException(group == "resume" ? "resume needs --all (or use 'aivideo runs resume ID')" : $"{group} needs a command (see 'aivideo help')");
        if (verb is "show" or "resume" or "retry" or "discard" && id is null) throw new InvalidInputException($"{group} {verb} needs a run id");
        return (verb, id, outDir, quiet, removeArtifacts);
    }
}
