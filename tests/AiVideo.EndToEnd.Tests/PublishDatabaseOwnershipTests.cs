using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AiVideo.Media.Processes;
using AiVideo.Testing;
using Microsoft.Data.Sqlite;

namespace AiVideo.EndToEnd.Tests;

/// <summary>
/// "Servers own their state": the aivideo CLI runs make (publish + register), metrics import, metrics list and memory
/// recall as separate processes under strace, which records every file each process and each of its descendants
/// opens. publish.db must be opened by the Publish server process only — never by the CLI — and the CLI's run store
/// must hold no performance tables. (The control checks that the trace does see the CLI's own SQLite file and the
/// server's opens of publish.db, so an empty trace cannot pass.)
/// </summary>
public partial class PublishDatabaseOwnershipTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-ownership");

    private string Out => _dir.Combine("out");

    [Fact]
    public async Task MakeMetricsAndRecall_HostProcess_NeverOpensPublishDb()
    {
        var config = TestMcpConfig.Write(_dir);
        var channel = WriteChannel();
        string[] common = ["--out", Out, "--mcp-config", config];

        var make = await TracedCliAsync("make", ["make", "--channel", channel, "--brief", RepoPaths.Samples("briefs", "tiny-test.md"), "--size", "360x640",
            "--workspace", _dir.Combine("ws"), "--quiet", .. common]);
        var published = Assert.Single(Directory.GetDirectories(Path.Combine(Out, "published", "tiktok")));
        var externalId = JsonNode.Parse(File.ReadAllText(Path.Combine(published, "metadata.json")))!["externalId"]!.GetValue<string>();
        var csv = _dir.Combine("metrics.csv");
        File.WriteAllText(csv, $"platform,video_id,observed_at,views,avg_view_pct\ntiktok,{externalId},2026-11-25T12:00:00Z,1500,61.5\n");
        var import = await TracedCliAsync("import", ["metrics", "import", csv, .. common]);
        var list = await TracedCliAsync("list", ["metrics", "list", "--channel", "ownership-e2e", .. common]);
        var recall = await TracedCliAsync("recall", ["memory", "recall", "--channel", "ownership-e2e", "--topic", "the moon", .. common]);

        Assert.Contains("imported 1 observation(s)", import.Output);
        Assert.Contains($"tiktok:{externalId}", list.Output);
        Assert.Contains("1500 views", list.Output);
        Assert.Contains($"tiktok:{externalId}", recall.Output);

        foreach (var run in new[] { make, import, list, recall })
        {
            Assert.True(run.ServerOpens("publish.db") > 0, $"{run.Name}: the trace shows no server opening publish.db (is strace working?)");
            Assert.Equal([], run.HostOpens("publish.db"));
        }
        Assert.True(make.HostOpens("aivideo.db").Count > 0, "control: the trace must show the CLI opening its own run store");

        using var runStore = new SqliteConnection($"Data Source={Path.Combine(Out, "aivideo.db")};Pooling=False;Mode=ReadOnly");
        runStore.Open();
        using var tables = runStore.CreateCommand();
        tables.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE name LIKE 'performance%' OR name LIKE 'vec%' OR name = 'publications'";
        Assert.Equal(0L, tables.ExecuteScalar());
    }

    [Fact]
    public void ParseOpens_StraceLog_ThreadsAndChildrenOfTheServerAreServerAndEverythingElseHost()
    {
        // The CLI (100) starts a thread (101) and forks a child (200) that execs the publish server; the server starts a thread (201).
        string[] log =
        [
            "100 execve(\"/usr/bin/dotnet\", [\"dotnet\", \"/x/aivideo.dll\", \"metrics\"], 0x1 /* 9 vars */) = 0",
            "100 clone3({flags=CLONE_VM|CLONE_THREAD, exit_signal=0}, 88) = 101",
            "101 openat(AT_FDCWD, \"/o/aivideo.db\", O_RDWR|O_CREAT|O_CLOEXEC, 0644) = 5",
            "101 clone(child_stack=NULL, flags=CLONE_VM|CLONE_VFORK|SIGCHLD <unfinished ...>",
            "200 execve(\"/usr/bin/dotnet\", [\"dotnet\", \"/x/aivideo-mcp-publish.dll\"], 0x2 /* 9 vars */ <unfinished ...>",
            "101 <... clone resumed>)              = 200",
            "200 clone3({flags=CLONE_VM|CLONE_THREAD, exit_signal=0}, 88 <unfinished ...>",
            "200 <... clone3 resumed>) = 201",
            "201 openat(AT_FDCWD, \"/o/publish.db\", O_RDWR|O_CREAT|O_CLOEXEC, 0644) = 7",
            "101 openat(AT_FDCWD, \"/o/publish.db-wal\", O_RDONLY|O_CLOEXEC <unfinished ...>",
        ];
        var run = new TracedRun("synthetic", "", ParseOpens(log));
        Assert.Equal(1, run.ServerOpens("publish.db"));
        Assert.Equal(["101 /o/publish.db-wal"], run.HostOpens("publish.db"));
        Assert.Equal(["101 /o/aivideo.db"], run.HostOpens("aivideo.db"));
    }

    private sealed record TracedRun(string Name, string Output, IReadOnlyList<(int Pid, bool Server, string Path)> Opens)
    {
        public int ServerOpens(string file) => Opens.Count(o => o.Server && Path.GetFileName(o.Path).StartsWith(file, StringComparison.Ordinal));

        public List<string> HostOpens(string file) => Opens.Where(o => !o.Server && Path.GetFileName(o.Path).StartsWith(file, StringComparison.Ordinal)).Select(o => $"{o.Pid} {o.Path}").ToList();
    }

    private async Task<TracedRun> TracedCliAsync(string name, string[] args)
    {
        var trace = _dir.Combine($"strace-{name}.txt");
        var cli = Path.Combine(AppContext.BaseDirectory, "aivideo.dll");
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        ProcessResult result;
        try
        {
            result = await new ProcessRunner().RunAsync("strace",
                ["-f", "--seccomp-bpf", "-qq", "-s", "4096", "-e", "trace=open,openat,openat2,execve,clone,clone3,fork,vfork", "-o", trace, "dotnet", cli, .. args], timeout.Token);
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("this test needs strace (apt-get install strace; ./test.sh installs it)", ex);
        }
        Assert.True(result.ExitCode == 0, $"{name} exited {result.ExitCode}: {result.StandardError}");
        return new TracedRun(name, result.StandardOutput, ParseOpens(File.ReadAllLines(trace)));
    }

    /// <summary>
    /// Every open in an strace -f log with whether the opening thread belongs to an MCP server process: a process that
    /// exec'd aivideo-mcp-*, or any thread or process it (transitively) cloned.
    /// </summary>
    private static List<(int Pid, bool Server, string Path)> ParseOpens(IEnumerable<string> lines)
    {
        var parent = new Dictionary<int, int>();
        var servers = new HashSet<int>();
        var opens = new List<(int Pid, string Path)>();
        foreach (var line in lines)
        {
            var m = TraceLine().Match(line);
            if (!m.Success) continue;
            var pid = int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            var call = m.Groups[2].Value;
            if (CloneCall().Match(call) is { Success: true } clone) parent[int.Parse(clone.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)] = pid;
            else if (call.StartsWith("execve(", StringComparison.Ordinal) && call.Contains("aivideo-mcp-", StringComparison.Ordinal)) servers.Add(pid);
            else if (OpenCall().Match(call) is { Success: true } open) opens.Add((pid, open.Groups[1].Value));
        }
        bool IsServer(int pid)
        {
            for (var p = pid; ; p = parent[p])
            {
                if (servers.Contains(p)) return true;
                if (!parent.ContainsKey(p)) return false;
            }
        }
        return opens.Select(o => (o.Pid, IsServer(o.Pid), o.Path)).ToList();
    }

    [GeneratedRegex(@"^(\d+) +(.*)$")]
    private static partial Regex TraceLine();

    [GeneratedRegex(@"^(?:<\.\.\. )?(?:clone3?|v?fork)\b.*= (\d+)$")]
    private static partial Regex CloneCall();

    [GeneratedRegex("^open(?:at2?)?\\((?:[^,]+, )?\"([^\"]+)\"")]
    private static partial Regex OpenCall();

    private string WriteChannel()
    {
        var node = JsonNode.Parse(File.ReadAllText(RepoPaths.Samples("channels", "space-facts.json")))!;
        node["id"] = "ownership-e2e";
        node["platforms"] = new JsonArray("tiktok");
        var path = _dir.Combine("channel.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    public void Dispose() => _dir.Dispose();
}
