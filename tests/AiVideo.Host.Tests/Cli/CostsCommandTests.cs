using AiVideo.Core.Domain;
using AiVideo.Host.Cli;
using AiVideo.Host.Costs;
using AiVideo.Host.Runs.Store;
using AiVideo.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.Host.Tests.Cli;

/// <summary><c>aivideo costs</c>: the ledger of a month as a table, totals against the caps; one-line errors (exit 2) for bad input.</summary>
public class CostsCommandTests : IDisposable
{
    private static readonly BudgetCaps Caps = new() { MaxCostUsdPerVideo = 0.50m, MaxCostUsdPerMonth = 2.00m };
    private readonly TempDirectory _dir = new();

    private string Out => _dir.Combine("out");

    private async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await new CliApp(stdout, stderr, NullLoggerFactory.Instance).RunAsync(args, CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private void Seed()
    {
        var store = RunStore.ForOutput(Out);
        void Spend(string run, string channel, int day, decimal estimate, decimal actual, string provider = "procedural")
        {
            var r = store.Reserve(new CostReservationRequest(run, channel, provider, "render_shot", $"render:{Guid.NewGuid():N}", estimate, Caps,
                new DateTimeOffset(2026, 12, day, 10, 0, 0, TimeSpan.Zero)));
            if (r.Granted) store.Settle(r.Id, actual);
        }
        Spend("r1", "space", 1, 0.20m, 0.20m);
        Spend("r1", "space", 1, 0.20m, 0.15m);
        Spend("r1", "space", 1, 0.20m, 0.20m); // over the video cap (0.35 + 0.20 > 0.50): refused
        Spend("r2", "space", 2, 0.10m, 0.10m);
        store.Reserve(new CostReservationRequest("r2", "space", "procedural", "render_shot", "render:open", 0.05m, Caps, new DateTimeOffset(2026, 12, 2, 11, 0, 0, TimeSpan.Zero)));
        Spend("k1", "kitchen", 2, 0.30m, 0.30m);
        var november = store.Reserve(new CostReservationRequest("old", "space", "procedural", "render_shot", "render:nov", 0.09m, Caps, new DateTimeOffset(2026, 11, 30, 23, 0, 0, TimeSpan.Zero)));
        store.Settle(november.Id, 0.09m); // November's: not in December's table
    }

    [Fact]
    public async Task Costs_ChannelAndMonth_PrintsOneLinePerDayAndProvider_TotalsAndCaps()
    {
        Seed();

        var (code, stdout, stderr) = await RunAsync("costs", "--channel", "space", "--month", "2026-12", "--out", Out);

        Assert.True(code == 0, stderr);
        var rows = Rows(stdout);
        Assert.Contains(rows, r => r is ["channel", "day", "provider", "calls", "estimated", "actual", "reserved-open", "refused"]);
        Assert.Contains(rows, r => r is ["space", "2026-12-01", "procedural", "2", "$0.400000", "$0.350000", "$0.000000", "1"]);
        Assert.Contains(rows, r => r is ["space", "2026-12-02", "procedural", "2", "$0.150000", "$0.100000", "$0.050000", "0"]);
        Assert.Contains(rows, r => r is ["space", "total", "4", "$0.550000", "$0.450000", "$0.050000", "1"]);
        Assert.Contains("caps of space: video $0.50 (costliest run $0.350000) · day none (busiest day $0.350000) · month $2.00 ($0.500000 committed, $1.500000 left)", stdout);
        Assert.DoesNotContain("kitchen", stdout);
    }

    [Fact]
    public async Task Costs_ByRun_AllChannels_GroupsPerRun()
    {
        Seed();

        var (code, stdout, _) = await RunAsync("costs", "--by", "run", "--month", "2026-12", "--out", Out);

        Assert.Equal(0, code);
        var rows = Rows(stdout);
        Assert.Contains(rows, r => r is ["channel", "run", ..]);
        Assert.Contains(rows, r => r is ["kitchen", "k1", "procedural", "1", "$0.300000", "$0.300000", "$0.000000", "0"]);
        Assert.Contains(rows, r => r is ["space", "r1", "procedural", "2", "$0.400000", "$0.350000", "$0.000000", "1"]);
        Assert.Contains(rows, r => r is ["space", "r2", "procedural", "2", "$0.150000", "$0.100000", "$0.050000", "0"]);
        Assert.Contains("caps of kitchen:", stdout);
    }

    [Theory]
    [InlineData(new[] { "costs", "--month", "2026-13" }, "aivideo: --month must be YYYY-MM (e.g. 2026-12), got '2026-13'")]
    [InlineData(new[] { "costs", "--month", "december" }, "aivideo: --month must be YYYY-MM (e.g. 2026-12), got 'december'")]
    [InlineData(new[] { "costs", "--channel", "Bad Name" }, "aivideo: --channel must be a channel id (1–48 characters of a-z, 0-9, '-' or '_'), got 'Bad Name'")]
    [InlineData(new[] { "costs", "--by", "week" }, "aivideo: --by must be day or run, got 'week'")]
    public async Task Costs_BadInput_OneLineErrorExit2(string[] args, string expected)
    {
        var (code, stdout, stderr) = await RunAsync([.. args, "--out", Out]);

        Assert.Equal(2, code);
        Assert.Equal(expected, stderr.Trim());
        Assert.Equal("", stdout);
    }

    [Fact]
    public async Task Costs_FolderWithoutARunStore_SaysSoExit2_AndCreatesNothing()
    {
        var (code, _, stderr) = await RunAsync("costs", "--out", Out);

        Assert.Equal(2, code);
        Assert.StartsWith("aivideo: no run store in", stderr);
        Assert.False(File.Exists(Path.Combine(Out, RunStore.FileName)));
    }

    private static List<string[]> Rows(string stdout) =>
        stdout.Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToList();

    public void Dispose() => _dir.Dispose();
}
