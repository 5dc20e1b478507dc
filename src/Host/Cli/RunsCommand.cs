using System.CommandLine;
using AiVideo.Core;
using AiVideo.Core.CommandLine;
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
    /// <summary>
    /// The <c>runs</c>, <c>resume</c> and <c>dlq</c> commands. <paramref name="with"/> makes a <see cref="RunsCommand"/> (and
    /// whatever it needs, e.g. the model) when one of them runs, hands it to the action and cleans up after.
    /// </summary>
    public static IEnumerable<Command> Commands(Func<Func<RunsCommand, Task<int>>, Task<int>> with)
    {
        Option<string?> Out() => CliOptions.Text("--out", "DIR", "the output folder holding aivideo.db (default out)");
        Option<bool> Quiet() => CliOptions.Flag("--quiet", "no progress lines");
        Argument<string> Id() => CliOptions.Argument<string>("ID", "the run id (see 'aivideo runs list')");
        Command Verb(string name, string description, Func<RunsCommand, ParseResult, string, CancellationToken, Task<int>> run, params Symbol[] symbols)
        {
            var command = new Command(name, description);
            var outOption = Out();
            command.Add(outOption);
            foreach (var symbol in symbols)
            {
                if (symbol is Option option) command.Add(option);
                else command.Add((Argument)symbol);
            }
            command.SetAction((result, ct) => with(c => run(c, result, result.GetValue(outOption) ?? "out", ct)));
            return command;
        }

        var showId = Id();
        var resumeId = Id();
        var resumeQuiet = Quiet();
        yield return new Command("runs", "the run store (<out>/aivideo.db)")
        {
            Verb("list", "the latest runs and their states", (c, _, outDir, _) => c.ListAsync(outDir)),
            Verb("show", "one run: steps, gates, publish ledger", (c, r, outDir, _) => c.ShowAsync(RunStore.ForOutput(outDir), r.GetValue(showId)!), showId),
            Verb("resume", "continue an interrupted run from its latest checkpoint", (c, r, outDir, ct) => c.ResumeAsync(outDir, r.GetValue(resumeId)!, r.GetValue(resumeQuiet), ct), resumeId, resumeQuiet),
        };

        var all = CliOptions.Flag("--all", "every interrupted run, oldest first");
        var allQuiet = Quiet();
        var resume = Verb("resume", "resume every interrupted run, each under a lease (exit code: the worst outcome)",
            (c, r, outDir, ct) => c.ResumeAllAsync(outDir, r.GetValue(allQuiet), ct), all, allQuiet);
        resume.Validators.Add(c =>
        {
            if (c.GetResult(all) is null) c.AddError("resume needs --all (or use 'aivideo runs resume ID')");
        });
        yield return resume;

        var dlqShowId = Id();
        var retryId = Id();
        var retryQuiet = Quiet();
        var discardId = Id();
        var removeArtifacts = CliOptions.Flag("--remove-artifacts", "also delete the run's artifacts from the workspace");
        yield return new Command("dlq", "dead letters and partially published runs")
        {
            Verb("list", "dead-lettered and partially published runs", (c, _, outDir, _) => c.DlqListAsync(outDir)),
            Verb("show", "why a run failed, what is live, its last gates", (c, r, outDir, _) => c.DlqShowAsync(outDir, r.GetValue(dlqShowId)!), dlqShowId),
            Verb("retry", "resume at the checkpoint before the failed step (only missing platforms are posted)",
                (c, r, outDir, ct) => c.RetryAsync(outDir, r.GetValue(retryId)!, r.GetValue(retryQuiet), ct), retryId, retryQuiet),
            Verb("discard", "end a dead letter for good (its outcome stays)",
                (c, r, outDir, _) => c.DiscardAsync(RunStore.ForOutput(outDir), r.GetValue(discardId)!, r.GetValue(removeArtifacts)), discardId, removeArtifacts),
        };
    }

    private async Task<int> ListAsync(string outDir)
    {
        var store = RunStore.ForOutput(outDir);
        var runs = store.ListRuns(limit: 50);
        if (runs.Count == 0) await stdout.WriteLineAsync($"no runs in {store.DatabasePath}").ConfigureAwait(false);
        foreach (var r in runs)
        {
            var note = r.Status == RunStatuses.Waiting ? $"  — until {r.WaitUntil:yyyy-MM-dd HH:mm}Z: {r.Reason}" : r.FailedStep is null ? "" : $"  — {r.FailedStep}: {r.Reason}";
            await stdout.WriteLineAsync($"{r.RunId}  {Status(r),-19} {r.ChannelId,-16} {r.Title}{note}").ConfigureAwait(false);
        }
        return 0;
    }

    private async Task<int> ResumeAsync(string outDir, string id, bool quiet, CancellationToken cancellationToken)
    {
        try
        {
            return Exit(await maker.ResumeAsync(outDir, id, Progress(quiet), cancellationToken).ConfigureAwait(false));
        }
        catch (RunLeaseTakenException ex)
        {
            await stderr.WriteLineAsync($"aivideo: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private async Task<int> DlqListAsync(string outDir)
    {
        var letters = RunStore.ForOutput(outDir).DeadLetters();
        if (letters.Count == 0) await stdout.WriteLineAsync("the dead-letter queue is empty").ConfigureAwait(false);
        foreach (var d in letters)
        {
            await stdout.WriteLineAsync($"{d.RunId}  {d.Status,-19} {d.Step,-13} retries {d.Retries}  {d.Title}  — {d.Reason}").ConfigureAwait(false);
        }
        return 0;
    }

    private async Task<int> DlqShowAsync(string outDir, string id)
    {
        var store = RunStore.ForOutput(outDir);
        var letter = store.DeadLetters(10_000).FirstOrDefault(d => d.RunId == id) ?? throw new InvalidInputException($"run {id} is not in the dead-letter queue");
        await stdout.WriteLineAsync($"run {letter.RunId} '{letter.Title}' ({letter.ChannelId}) {(letter.Status == RunStatuses.PartiallyPublished ? "partially published, failed" : "dead-lettered")} at {letter.Step} on {letter.At:yyyy-MM-dd HH:mm:ss}Z, retried {letter.Retries} time(s)").ConfigureAwait(false);
        foreach (var l in store.Ledger(letter.RunId).Where(l => l.Confirmed)) await stdout.WriteLineAsync($"live: {l.Platform} → {l.Receipt?.Location}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"reason: {letter.Reason}").ConfigureAwait(false);
        await stdout.WriteLineAsync("last gates:").ConfigureAwait(false);
        foreach (var g in letter.LastGates) await stdout.WriteLineAsync($"  {(g.Passed ? "PASS" : "FAIL")} {g.Name}: {g.Reason}").ConfigureAwait(false);
        await stdout.WriteLineAsync($"retry with: aivideo dlq retry {letter.RunId} --out {outDir}   (or end it: aivideo dlq discard {letter.RunId} --out {outDir})").ConfigureAwait(false);
        return 0;
    }

    private async Task<int> RetryAsync(string outDir, string id, bool quiet, CancellationToken cancellationToken)
    {
        try
        {
            return Exit(await maker.RetryAsync(outDir, id, Progress(quiet), cancellationToken).ConfigureAwait(false));
        }
        catch (RunLeaseTakenException ex)
        {
            await stderr.WriteLineAsync($"aivideo: {ex.Message}").ConfigureAwait(false);
            return 1;
        }
    }

    private IRunProgress Progress(bool quiet) => quiet ? new SilentRunProgress() : new ConsoleRunProgress(stderr);

    private int Exit(MadeVideo made)
    {
        stderr.WriteLine(made.Summary);
        return made.ExitCode;
    }

    /// <summary>
    /// Resumes every run whose driver is gone, oldest first. Each is taken under its lease: a run another live process
    /// is driving (a concurrent resume --all) is skipped, never driven twice. Exit code: the worst outcome.
    /// </summary>
    private async Task<int> ResumeAllAsync(string outDir, bool quiet, CancellationToken cancellationToken)
    {
        var store = RunStore.ForOutput(outDir);
        var progress = Progress(quiet);
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
        await stdout.WriteLineAsync($"started {run.StartedAt:yyyy-MM-dd HH:mm:ss}Z{(run.FinishedAt is { } f ? $", finished {f:HH:mm:ss}Z" : "")}; checkpoints {store.Checkpoints(id).Count}; cost ${store.RunActualCost(id):0.00####}").ConfigureAwait(false);
        foreach (var (step, attempts, ms) in journal.Steps) await stdout.WriteLineAsync($"  step {step,-13} attempts {attempts}  {ms} ms").ConfigureAwait(false);
        foreach (var g in journal.Gates) await stdout.WriteLineAsync($"  {(g.Passed ? "PASS" : "FAIL")} {g.Name}: {g.Reason}").ConfigureAwait(false);
        foreach (var l in store.Ledger(id)) await stdout.WriteLineAsync($"  publish {l.Platform}: {l.State}{(l.Receipt is { } r ? $" → {r.Location}" : "")}").ConfigureAwait(false);
        if (run.ReportPath is not null) await stdout.WriteLineAsync($"report: {run.ReportPath}").ConfigureAwait(false);
        return 0;
    }

    private static string Status(StoredRun r) => r.Status == RunStatuses.Running && (r.Owner is null || !r.Owner.IsAlive()) ? "interrupted" : r.Status;
}
