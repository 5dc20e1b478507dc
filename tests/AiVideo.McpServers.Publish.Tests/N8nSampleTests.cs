using System.ComponentModel;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.McpServers.Publish.Webhook;
using AiVideo.Media.Processes;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;

namespace AiVideo.McpServers.Publish.Tests;

/// <summary>
/// The n8n example (samples/n8n): the workflow is importable and wired, its Code node is verify-signature.js, and
/// that code — run by real Node.js — accepts what the publisher signs and rejects a wrong or stale signature.
/// </summary>
public class N8nSampleTests : IDisposable
{
    private const string Harness = """
        const fs = require('fs');
        const input = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
        const body = Buffer.from(input.bodyBase64 || '', 'base64');
        if (input.mode === 'module') {
          const { verifyAiVideoSignature } = require(input.script);
          try {
            verifyAiVideoSignature(input.secret, input.timestamp, input.signature, body, input.now);
            console.log('ACCEPTED');
          } catch (e) { console.log('REJECTED: ' + e.message); }
        } else {
          // The n8n Code node's globals, as n8n provides them.
          const script = fs.readFileSync(input.script, 'utf8');
          const item = { json: { headers: input.headers, body: input.formFields || {} }, binary: input.formFields ? { video: { fileName: 'video.mp4' } } : undefined };
          const $input = { first: () => item };
          const $env = { AIVIDEO_WEBHOOK_SECRET: input.secret };
          const context = { helpers: { getBinaryDataBuffer: async (index, name) => { if (index !== 0 || name !== 'data') throw new Error('no binary ' + name); return body; } } };
          const run = new Function('$input', '$env', 'require', 'return (async function () {\n' + script + '\n}).call(this);');
          run.call(context, $input, $env, require).then(
            out => console.log('ACCEPTED ' + JSON.stringify(out[0].json)),
            e => console.log('REJECTED: ' + e.message));
        }
        """;

    private static readonly string Script = RepoPaths.Samples("n8n", "verify-signature.js");
    private static readonly string Workflow = RepoPaths.Samples("n8n", "aivideo-publish-webhook.json");
    private readonly TempDirectory _dir = new("aivideo-n8n");

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Workflow_IsImportableAndWired_AndItsCodeNodeIsVerifySignatureJs()
    {
        var workflow = JsonNode.Parse(File.ReadAllText(Workflow))!;
        var nodes = workflow["nodes"]!.AsArray().Select(n => n!).ToDictionary(n => (string)n["name"]!);
        var webhook = Assert.Single(nodes.Values, n => (string)n["type"]! == "n8n-nodes-base.webhook");
        Assert.Equal("aivideo-publish", (string)webhook["parameters"]!["path"]!);
        Assert.Equal("POST", (string)webhook["parameters"]!["httpMethod"]!);
        Assert.Equal("responseNode", (string)webhook["parameters"]!["responseMode"]!);
        Assert.True((bool)webhook["parameters"]!["options"]!["rawBody"]!);
        var code = Assert.Single(nodes.Values, n => (string)n["type"]! == "n8n-nodes-base.code");
        Assert.Equal(File.ReadAllText(Script), (string)code["parameters"]!["jsCode"]!);
        var responders = nodes.Values.Where(n => (string)n["type"]! == "n8n-nodes-base.respondToWebhook").ToList();
        Assert.Equal(2, responders.Count);

        // webhook → verify → (ok) posting step → receipt; (error output) → 401.
        string Next(string from, int output = 0) => (string)workflow["connections"]![from]!["main"]![output]![0]!["node"]!;
        var verify = Next((string)webhook["name"]!);
        Assert.Equal((string)code["name"]!, verify);
        var post = Next(verify);
        var receipt = nodes[Next(post)];
        Assert.Equal("n8n-nodes-base.respondToWebhook", (string)receipt["type"]!);
        Assert.Contains("status: 'published'", (string)receipt["parameters"]!["responseBody"]!);
        Assert.Equal("continueErrorOutput", (string)code["onError"]!);
        Assert.Equal(401, (int)nodes[Next(verify, 1)]["parameters"]!["options"]!["responseCode"]!);
    }

    [Fact]
    public async Task VerifySignatureJs_GoodSignature_Accepted()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = """{"idempotencyKey":"k"}"""u8.ToArray();
        var output = await RunModuleAsync(now.ToString(), WebhookTestKit.ExpectedSignature(now.ToString(), body), body, now);
        Assert.Equal("ACCEPTED", output);
    }

    [Fact]
    public async Task VerifySignatureJs_WrongSignatureOrAlteredBody_Rejected()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var body = """{"idempotencyKey":"k"}"""u8.ToArray();
        var signature = WebhookTestKit.ExpectedSignature(now.ToString(), body);

        var altered = await RunModuleAsync(now.ToString(), signature, """{"idempotencyKey":"K"}"""u8.ToArray(), now);
        var wrong = await RunModuleAsync(now.ToString(), "sha256=" + new string('0', 64), body, now);
        var truncated = await RunModuleAsync(now.ToString(), signature[..^2], body, now);

        Assert.StartsWith("REJECTED: X-AiVideo-Signature does not match", altered);
        Assert.StartsWith("REJECTED: X-AiVideo-Signature does not match", wrong);
        Assert.StartsWith("REJECTED: X-AiVideo-Signature does not match", truncated);
    }

    [Fact]
    public async Task VerifySignatureJs_TimestampOlderThanFiveMinutes_RejectedEvenWithAValidSignature()
    {
        var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var stale = (now - 301).ToString();
        var body = """{"idempotencyKey":"k"}"""u8.ToArray();

        var output = await RunModuleAsync(stale, WebhookTestKit.ExpectedSignature(stale, body), body, now);
        var justInTime = await RunModuleAsync((now - 299).ToString(), WebhookTestKit.ExpectedSignature((now - 299).ToString(), body), body, now);

        Assert.StartsWith("REJECTED: stale X-AiVideo-Timestamp", output);
        Assert.Equal("ACCEPTED", justInTime);
    }

    [Theory]
    [InlineData(WebhookMode.Json)]
    [InlineData(WebhookMode.Multipart)]
    public async Task CodeNode_AcceptsWhatThePublisherSent_AndRejectsItTampered(WebhookMode mode)
    {
        using var server = new CannedHttpServer(200, """{"id":"p-1"}""");
        var outRoot = _dir.Combine("out");
        var video = await TestVideo.MakeAsync(_dir.Combine("v.mp4"));
        await WebhookTestKit.Publisher(WebhookTestKit.Options(server, outRoot, mode), outRoot)
            .PublishAsync(new PublishRequest(PlatformNames.Webhook, video, new PublishMetadata("Moon", "Caption é ✓", ["#moon"], "space-facts"), "key-n8n"), default);
        var sent = Assert.Single(server.Requests);
        var headers = sent.Headers.ToDictionary(h => h.Key.ToLowerInvariant(), h => h.Value); // Node lowercases header names
        var signed = mode == WebhookMode.Json ? sent.BodyBytes : WebhookTestKit.MultipartParts(sent)["metadata"].Bytes;
        string? Fields(byte[] metadata) => mode == WebhookMode.Json ? null : Encoding.UTF8.GetString(metadata);

        var accepted = await RunCodeNodeAsync(headers, signed, Fields(signed));
        var tamperedBytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(signed).Replace("Moon", "Mars"));
        var tampered = await RunCodeNodeAsync(headers, tamperedBytes, Fields(tamperedBytes));

        Assert.StartsWith("ACCEPTED ", accepted);
        using var item = JsonDocument.Parse(accepted["ACCEPTED ".Length..]);
        Assert.Equal("key-n8n", item.RootElement.GetProperty("idempotencyKey").GetString());
        Assert.Equal("Caption é ✓", item.RootElement.GetProperty("caption").GetString());
        Assert.StartsWith("REJECTED: X-AiVideo-Signature does not match", tampered);
    }

    private Task<string> RunModuleAsync(string timestamp, string signature, byte[] body, long now) => RunNodeAsync(new JsonObject
    {
        ["mode"] = "module", ["script"] = Script, ["secret"] = WebhookTestKit.Secret, ["timestamp"] = timestamp, ["signature"] = signature,
        ["bodyBase64"] = Convert.ToBase64String(body), ["now"] = now,
    });

    private Task<string> RunCodeNodeAsync(Dictionary<string, string> headers, byte[] body, string? metadataField) => RunNodeAsync(new JsonObject
    {
        ["mode"] = "codeNode", ["script"] = Script, ["secret"] = WebhookTestKit.Secret,
        ["headers"] = new JsonObject(headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)JsonValue.Create(h.Value)))),
        ["bodyBase64"] = metadataField is null ? Convert.ToBase64String(body) : null,
        ["formFields"] = metadataField is null ? null : new JsonObject { ["metadata"] = metadataField },
    });

    private async Task<string> RunNodeAsync(JsonObject input)
    {
        var harness = _dir.Combine("harness.js");
        var inputPath = _dir.Combine($"input-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(harness, Harness);
        await File.WriteAllTextAsync(inputPath, input.ToJsonString());
        ProcessResult result;
        try
        {
            result = await new ProcessRunner().RunAsync("node", [harness, inputPath], CancellationToken.None);
        }
        catch (Win32Exception ex)
        {
            throw new InvalidOperationException("Node.js ('node') is not installed: the n8n verification code cannot be tested; test.sh installs the nodejs package", ex);
        }
        Assert.True(result.ExitCode == 0, $"node failed: {result.StandardError}");
        return result.StandardOutput.Trim();
    }
}
