using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Agents.Scripts;
using AiVideo.Core.Channels;
using AiVideo.Core.Json;
using AiVideo.Host.Chat;
using AiVideo.Host.Cli;
using AiVideo.Host.Configuration;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.EndToEnd.Tests;

/// <summary>`aivideo chat` for real: the orchestrator (a scripted model) calls host functions and the three MCP servers over stdio.</summary>
public class ChatEndToEndTests : IDisposable
{
    private readonly TempDirectory _dir = new("aivideo-chat");

    private string Out => _dir.Combine("out");

    private string ChannelFile()
    {
        var node = JsonNode.Parse(File.ReadAllText(RepoPaths.Samples("channels", "space-facts.json")))!;
        node["id"] = "chat-e2e";
        node["platforms"] = new JsonArray("tiktok");
        var path = _dir.Combine("chat-channel.json");
        File.WriteAllText(path, node.ToJsonString());
        return path;
    }

    private async Task<(int Code, string Stdout, string Stderr)> ChatAsync(ModelConnection model, string? stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var app = new CliApp(stdout, stderr, NullLoggerFactory.Instance, () => model, stdin is null ? null : new StringReader(stdin));
        var code = await app.RunAsync(["chat", .. args, "--out", Out, "--workspace", _dir.Combine("ws"), "--mcp-config", TestMcpConfig.Write(_dir), "--size", "360x640"], CancellationToken.None);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private static bool AfterToolResult(IReadOnlyList<ChatMessage> messages) => messages[^1].Role == ChatRole.Tool;

    [Fact]
    public async Task ChatMessage_ModelCallsToolsOnTwoServersAndTheHost_AnswerUsesTheirResults()
    {
        var model = new ScriptedChatClient()
            .ThenToolCall("voice_list_voices", new Dictionary<string, object?>())
            .ThenToolCall("host_list_channels", new Dictionary<string, object?>())
            .Then(request => ScriptedChatClient.Text(
                $"voices seen: {request.Any(m => m.Contents.OfType<FunctionResultContent>().Any(r => r.Result?.ToString()?.Contains("en-us") == true))}; " +
                $"channel seen: {request.Any(m => m.Contents.OfType<FunctionResultContent>().Any(r => r.Result?.ToString()?.Contains("chat-e2e") == true))}"));

        var (code, stdout, stderr) = await ChatAsync(new ModelConnection(model, "scripted"), null, "--channel", ChannelFile(), "--message", "What voices and channels do I have?");

        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("→ voice.list_voices", stdout);
        Assert.Contains("✓ host.list_channels", stdout);
        Assert.Contains("voices seen: True; channel seen: True", stdout);
        var tools = model.Requests[0].ToolNames;
        Assert.Contains("host_make_video", tools);
        Assert.Contains("render_probe_media", tools);
        Assert.Contains("publish_list_published", tools);
        Assert.DoesNotContain("publish_publish_video", tools);
    }

    [Fact]
    public async Task ChatMessage_OrchestratorMakesAVideo_PipelineAgentsUseTheSameModelAndTheRunPublishes()
    {
        var channel = new ChannelProfileLoader().Load(ChannelFile());
        var brief = new Brief("Honey never spoils", ["Honey never spoils in a sealed jar."], null, []);
        var script = JsonSerializer.Serialize(new DeterministicScriptWriter().Write(brief, channel), AiVideoJson.Options);
        var model = new ScriptedChatClient
        {
            // One model for every role, as in production: answer by the role's instructions.
            WhenExhausted = messages => messages[0].Text switch
            {
                var s when s.StartsWith("You are the ideation agent", StringComparison.Ordinal) => ScriptedChatClient.Text(script),
                var s when s.StartsWith("You are the QA agent", StringComparison.Ordinal) => ScriptedChatClient.Text("""{"verdict":"pass","reasons":[]}"""),
                var s when s.StartsWith("You are the publishing agent", StringComparison.Ordinal) => ScriptedChatClient.Text("""{"posts":[{"platform":"tiktok","title":"Honey is forever","caption":"#honey","hashtags":["#honey"]}]}"""),
                _ when AfterToolResult(messages) => ScriptedChatClient.Text("Done: " + messages[^1].Contents.OfType<FunctionResultContent>().Single().Result),
                _ => new ChatResponse(new ChatMessage(ChatRole.Assistant, [new FunctionCallContent("c1", "host_make_video", new Dictionary<string, object?>
                {
                    ["channel"] = "chat-e2e", ["title"] = brief.Title, ["facts"] = brief.Facts.ToArray(),
                })])),
            },
        };

        var (code, stdout, stderr) = await ChatAsync(new ModelConnection(model, "scripted"), null, "--channel", ChannelFile(), "--message", "Make one video about honey.");

        Assert.True(code == 0, stderr + stdout);
        Assert.Contains("\"outcome\":\"published\"", stdout.Replace(" ", ""));
        var report = Directory.EnumerateFiles(Out, "report.json", SearchOption.AllDirectories).Single();
        var json = JsonNode.Parse(File.ReadAllText(report))!;
        Assert.Equal("published", json["outcome"]!.GetValue<string>());
        Assert.Equal("ideation-agent", json["scriptWriter"]!.GetValue<string>());
        Assert.Equal(["ideation", "qa", "qa", "publishing"], json["agents"]!.AsArray().Select(a => a!["agent"]!.GetValue<string>()));
        var published = Directory.EnumerateFiles(Path.Combine(Out, "published", "tiktok"), "*.json", SearchOption.AllDirectories).ToList();
        Assert.Contains(published, f => File.ReadAllText(f).Contains("Honey is forever"));
    }

    [Fact]
    public async Task ChatMessage_Offline_SaysNoModelIsConfiguredAndExits2()
    {
        var (code, _, stderr) = await ChatAsync(ModelConnection.Offline, null, "--message", "plan a campaign");
        Assert.Equal(2, code);
        Assert.Contains("No language model is configured", stderr);
        Assert.Contains("AIVIDEO__MODEL__PROVIDER", stderr);
    }

    [Fact]
    public async Task Chat_OfflineInteractive_ServesSlashCommands()
    {
        var (code, stdout, stderr) = await ChatAsync(ModelConnection.Offline, "/help\n/runs\nhello\n/nope\n/exit\n");
        Assert.Equal(0, code);
        Assert.Contains("/make BRIEF.md", stdout);
        Assert.Contains("no runs under", stdout);
        Assert.Contains("No language model is configured", stdout);
        Assert.Contains("unknown command '/nope'", stderr);
    }

    public void Dispose() => _dir.Dispose();
}
