using System.Diagnostics;
using System.Globalization;
using ModelContextProtocol.Client;

// Median latency of list_voices over stdio: starts the Voice server dll (argument 1, default the Release build) as an
// MCP client would, warms up, then times N calls (argument 2, default 200) one after another.
var dll = args.Length > 0 ? args[0] : Path.GetFullPath("src/McpServers/Voice/bin/Release/net10.0/aivideo-mcp-voice.dll");
var calls = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 200;
if (!File.Exists(dll))
{
    Console.Error.WriteLine($"voice server {dll} not found; build Release first");
    return 2;
}
var workspace = Directory.CreateTempSubdirectory("aivideo-list-voices").FullName;
await using var client = await McpClient.CreateAsync(new StdioClientTransport(new StdioClientTransportOptions
{
    Name = "voice",
    Command = "dotnet",
    Arguments = [dll],
    EnvironmentVariables = new Dictionary<string, string?> { ["AIVIDEO_WORKSPACE"] = workspace },
}));
for (var i = 0; i < 10; i++) await client.CallToolAsync("list_voices", new Dictionary<string, object?>());
var times = new List<double>(calls);
for (var i = 0; i < calls; i++)
{
    var watch = Stopwatch.StartNew();
    var result = await client.CallToolAsync("list_voices", new Dictionary<string, object?>());
    watch.Stop();
    if (result.IsError == true) throw new InvalidOperationException("list_voices failed");
    times.Add(watch.Elapsed.TotalMilliseconds);
}
times.Sort();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"list_voices over stdio, {calls} calls: median {times[calls / 2]:0.000} ms, p95 {times[(int)(calls * 0.95)]:0.000} ms, min {times[0]:0.000} ms"));
Directory.Delete(workspace, recursive: true);
return 0;
