using System.Text.Json.Nodes;
using AiVideo.Testing;
using AiVideo.Testing.Fakes;

namespace AiVideo.McpServers.Render.Tests;

/// <summary>
/// A cloud key may come from the server's user secrets (<c>dotnet user-secrets … --project src/McpServers/Render</c>),
/// read from <c>$HOME/.microsoft/usersecrets/aivideo-mcp-render/secrets.json</c>; the AIVIDEO_ environment wins over it.
/// </summary>
public sealed class UserSecretsTests
{
    private static Dictionary<string, object?> PexelsShot() => new()
    {
        ["prompt"] = "honey in a jar",
        ["query"] = "honey jar",
        ["channelSeed"] = 3,
        ["durationSec"] = 1,
        ["width"] = 90,
        ["height"] = 160,
        ["fps"] = 12,
        ["source"] = "pexels",
        ["outputPath"] = "shots/p.mp4",
    };

    [Theory]
    [InlineData(null, "pexels-key-from-user-secrets")]
    [InlineData("pexels-key-from-environment", "pexels-key-from-environment")]
    public async Task PexelsKey_FromUserSecrets_UnlessTheEnvironmentSetsOne(string? environmentKey, string expectedKey)
    {
        using var home = new TempDirectory("aivideo-secrets-home");
        using var workspace = new TempDirectory("aivideo-secrets-ws");
        var secrets = Path.Combine(home.Path, ".microsoft", "usersecrets", "aivideo-mcp-render", "secrets.json");
        Directory.CreateDirectory(Path.GetDirectoryName(secrets)!);
        File.WriteAllText(secrets, new JsonObject { ["Render:Pexels:ApiKey"] = "pexels-key-from-user-secrets" }.ToJsonString());
        using var pexels = new CannedHttpServer(200, """{"page":1,"per_page":0,"videos":[]}""");
        var env = new Dictionary<string, string?>
        {
            ["HOME"] = home.Path,
            ["APPDATA"] = null,
            ["PEXELS_API_KEY"] = null,
            ["AIVIDEO__RENDER__PEXELS__BASEURL"] = pexels.BaseUrl,
            ["AIVIDEO_RENDER_DATA"] = Path.Combine(workspace.Path, "render-data"),
        };
        if (environmentKey is not null) env["AIVIDEO__RENDER__PEXELS__APIKEY"] = environmentKey;
        await using var client = await McpServerProcess.StartAsync("aivideo-mcp-render", workspace.Path, env);

        var result = await client.CallToolAsync("render_shot", PexelsShot(), cancellationToken: new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);

        Assert.True(result.IsError); // nothing found: the fake answers no videos
        Assert.Contains("cannot fill", RenderServerFixture.ErrorText(result));
        var search = Assert.Single(pexels.Requests);
        Assert.Equal(expectedKey, search.Headers["Authorization"]);
        Assert.DoesNotContain(expectedKey, RenderServerFixture.ErrorText(result));
    }
}
