using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core.Json;
using AiVideo.Host.Reports;
using AiVideo.Media.Processes;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;

namespace AiVideo.EndToEnd.Tests;

/// <summary>
/// A make through the real CLI and MCP servers with a channel listing <c>kling</c>, then <c>pexels</c>, then
/// <c>procedural</c>, against one local fake that answers Kling's and Pexels' documented flows. The video cap leaves
/// room for exactly one generated clip: the first shot to reserve gets Kling, every other Kling call is refused by the
/// cap before it is made and its shot falls back to stock. Proves the keys and base URLs travel from the Render server's
/// environment, the cost ledger settles what Kling charged, stock is free, the report carries each shot's provenance and
/// the published caption carries the Pexels credit.
/// </summary>
public class CloudVisualsEndToEndTests : IDisposable
{
    private const string KlingAccess = "kling-access-e2e", KlingSecret = "kling-secret-e2e-0123456789", PexelsKey = "pexels-key-e2e";

    private readonly TempDirectory _dir = new("aivideo-e2e-cloud");
    private CannedHttpServer? _cloud;
    private byte[] _clip = [];
    private int _klingTasks;

    private string Out => _dir.Combine("out");

    [Fact]
    public async Task Make_KlingThenPexels_OneGeneratedShotWithinTheCap_RestFromStock_LedgerReportAndCreditAgree()
    {
        _clip = await FixtureClipAsync();
        using var cloud = _cloud = new CannedHttpServer(404, "{}") { Responder = Answer };
        var channel = WriteChannel(videoCap: 0.60m);
        var brief = _dir.Combine("honey.md");
        File.WriteAllText(brief, "# Honey keeps\n\n- Honey never spoils in a sealed jar.\n- Sealed honey jars were found in old tombs.\n- Honey has very little water.\n");

        var (code, stdout, stderr) = await CliAsync("make", "--channel", channel, "--brief", brief, "--size", "360x640",
            "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", McpConfig(), "--json", "--no-memory");

        Assert.True(code == 0, stderr);
        var report = JsonSerializer.Deserialize<RunReport>(stdout, AiVideoJson.Options)!;
        Assert.Equal("published", report.Outcome);

        // Exactly one shot was generated, at Kling's price for its 5 s clip; it carries the task id and the channel seed.
        var kling = Assert.Single(report.Shots, s => s.Source == "kling");
        Assert.Equal("kt-1", kling.TaskId);
        Assert.Equal(0.50m, kling.CostUsd);
        Assert.Equal(7, kling.Seed);
        Assert.False(string.IsNullOrWhiteSpace(kling.Prompt));
        // Every other shot fell back: stock first (free, credited), procedural only when stock had nothing relevant.
        var others = report.Shots.Where(s => s.ShotId != kling.ShotId).ToList();
        Assert.NotEmpty(others);
        Assert.All(others, s => Assert.Contains(s.Source, new[] { "pexels", "procedural" }));
        var stock = others.Where(s => s.Source == "pexels").ToList();
        Assert.NotEmpty(stock);
        Assert.All(stock, s => Assert.Equal(0m, s.CostUsd));
        Assert.All(stock, s => Assert.Equal("Jane Doe", Assert.Single(s.Credits).Author));
        Assert.All(stock, s => Assert.InRange(s.Score!.Value, 0.12, 1));

        // The ledger: Kling's one call settled at what it charged; the calls over the cap were refused, never made.
        var costs = report.Costs!;
        var klingCost = Assert.Single(costs.Providers, p => p.Provider == "kling");
        Assert.Equal((1, 0.50m, 0.50m), (klingCost.Calls, klingCost.EstimatedUsd, klingCost.ActualUsd));
        Assert.Equal(others.Count, costs.Refused);
        Assert.Equal(0.50m, report.CostUsd);
        Assert.Equal(0.60m, costs.Caps.MaxCostUsdPerVideo);

        // What reached the fake: one Kling submit with a signed JWT, polls, one download; Pexels searched with its key.
        var requests = cloud.Requests.ToList();
        var submit = Assert.Single(requests, r => r.Method == "POST");
        Assert.StartsWith("Bearer ey", submit.Headers["Authorization"]);
        Assert.Equal("9:16", JsonNode.Parse(submit.Body)!["aspect_ratio"]!.GetValue<string>());
        Assert.Single(requests, r => r.Path == "/cdn/kt-1.mp4");
        var searches = requests.Where(r => r.Path == "/videos/search").ToList();
        Assert.NotEmpty(searches);
        Assert.All(searches, r => Assert.Equal(PexelsKey, r.Headers["Authorization"]));
        Assert.All(searches, r => Assert.Contains("orientation=portrait", r.Query));

        // The gates: the generated shot became the run's drift reference; stock shots passed the footage gate.
        Assert.Contains(report.Gates, g => g.Name == $"render.drift:{kling.ShotId}" && g.Passed);
        Assert.All(stock, s => Assert.Contains(report.Gates, g => g.Name == $"render.footage:{s.ShotId}" && g.Passed));

        // The published post carries the credit Pexels asks for.
        var published = Directory.GetFiles(Path.Combine(Out, "published", "tiktok"), "metadata.json", SearchOption.AllDirectories);
        var caption = JsonNode.Parse(File.ReadAllText(Assert.Single(published)))!["caption"]!.GetValue<string>();
        Assert.Contains("Video by Jane Doe on Pexels (https://www.pexels.com/video/", caption);

        // The counts this test proves, for the closing note.
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"cloud e2e: kling {requests.Count(r => r.Path.StartsWith("/v1/", StringComparison.Ordinal) || r.Path.StartsWith("/cdn/", StringComparison.Ordinal))} requests, " +
            $"pexels {searches.Count} searches + {requests.Count(r => r.Path.StartsWith("/files/", StringComparison.Ordinal))} downloads; spent {report.CostUsd} of {costs.Caps.MaxCostUsdPerVideo}; refused {costs.Refused}"));
    }

    /// <summary>Kling (submit, poll, download) and Pexels (search, download) on one loopback server.</summary>
    private CannedResponse Answer(RecordedRequest request)
    {
        var baseUrl = _cloud!.BaseUrl;
        if (request.Method == "POST" && request.Path is "/v1/videos/text2video" or "/v1/videos/image2video")
        {
            var id = $"kt-{Interlocked.Increment(ref _klingTasks)}";
            return Json(new JsonObject { ["code"] = 0, ["data"] = new JsonObject { ["task_id"] = id, ["task_status"] = "submitted" } });
        }
        if (request.Method == "GET" && request.Path.StartsWith("/v1/videos/", StringComparison.Ordinal))
        {
            var id = request.Path[(request.Path.LastIndexOf('/') + 1)..];
            return Json(new JsonObject
            {
                ["code"] = 0,
                ["data"] = new JsonObject
                {
                    ["task_id"] = id,
                    ["task_status"] = "succeed",
                    ["task_result"] = new JsonObject { ["videos"] = new JsonArray(new JsonObject { ["id"] = "v", ["url"] = $"{baseUrl}/cdn/{id}.mp4", ["duration"] = "5" }) },
                },
            });
        }
        if (request.Path.StartsWith("/cdn/", StringComparison.Ordinal) || request.Path.StartsWith("/files/", StringComparison.Ordinal))
        {
            return new CannedResponse(200, _clip, "video/mp4");
        }
        if (request.Path == "/videos/search")
        {
            // Slugs in the brief's words, so the offline (lexical) relevance finds them.
            var slugs = new[] { "honey-never-spoils", "sealed-jar-of-honey", "honey-jar-kitchen", "follow-for-more-facts" };
            var videos = new JsonArray(slugs.Select((slug, i) => (JsonNode)new JsonObject
            {
                ["id"] = 1000 + i,
                ["width"] = 720,
                ["height"] = 1280,
                ["duration"] = 10,
                ["url"] = $"https://www.pexels.com/video/{slug}-{1000 + i}/",
                ["user"] = new JsonObject { ["name"] = "Jane Doe", ["url"] = "https://www.pexels.com/@jane" },
                ["video_files"] = new JsonArray(new JsonObject
                {
                    ["id"] = 1, ["quality"] = "sd", ["file_type"] = "video/mp4", ["width"] = 360, ["height"] = 640, ["link"] = $"{baseUrl}/files/{1000 + i}.mp4",
                }),
            }).ToArray());
            return Json(new JsonObject { ["page"] = 1, ["per_page"] = slugs.Length, ["videos"] = videos });
        }
        return Json(new JsonObject { ["code"] = 404, ["message"] = "no such route" }, 404);
    }

    private static CannedResponse Json(JsonObject body, int status = 200) => CannedResponse.Text(status, body.ToJsonString());

    /// <summary>
    /// A moving 10 s portrait clip with sound (what both providers deliver), made once by ffmpeg: slow gradients, calm
    /// enough for the OCR gate to read the burned captions over it (over testsrc2's busy pattern it reads under 40 %).
    /// </summary>
    private async Task<byte[]> FixtureClipAsync()
    {
        var path = _dir.Combine("fixture.mp4");
        await new ProcessRunner().RunCheckedAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "gradients=s=360x640:rate=24:duration=10:speed=0.05",
            "-f", "lavfi", "-i", "sine=frequency=440:duration=10", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-shortest", path], default);
        return await File.ReadAllBytesAsync(path);
    }

    private string WriteChannel(decimal videoCap)
    {
        var node = JsonNode.Parse(File.ReadAllText(RepoPaths.Samples("channels", "space-facts.json")))!;
        node["id"] = "e2e-cloud";
        node["platforms"] = new JsonArray("tiktok");
        node["render"]!["seed"] = 7;
        node["visuals"] = new JsonObject { ["sources"] = new JsonArray("kling", "pexels", "procedural") };
        node["budget"] = new JsonObject { ["maxCostUsdPerVideo"] = videoCap, ["maxCostUsdPerMonth"] = 5.00m };
        var path = _dir.Combine("channel.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    /// <summary>The test servers' mcp.json, the Render server pointed at the fake with keys in its environment.</summary>
    private string McpConfig()
    {
        var path = TestMcpConfig.Write(_dir);
        var config = JsonNode.Parse(File.ReadAllText(path))!;
        config["mcpServers"]!["aivideo-render"]!["env"] = new JsonObject
        {
            ["AIVIDEO__RENDER__KLING__BASEURL"] = _cloud!.BaseUrl,
            ["AIVIDEO__RENDER__KLING__ACCESSKEY"] = KlingAccess,
            ["AIVIDEO__RENDER__KLING__SECRETKEY"] = KlingSecret,
            ["AIVIDEO__RENDER__GENERATION__POLLINTERVAL"] = "00:00:00.050",
            ["AIVIDEO__RENDER__PEXELS__BASEURL"] = _cloud.BaseUrl,
            ["AIVIDEO__RENDER__PEXELS__APIKEY"] = PexelsKey,
        };
        File.WriteAllText(path, config.ToJsonString());
        return path;
    }

    private static Task<(int Code, string Stdout, string Stderr)> CliAsync(params string[] args) => InProcessCli.RunAsync(args);

    public void Dispose() => _dir.Dispose();
}
