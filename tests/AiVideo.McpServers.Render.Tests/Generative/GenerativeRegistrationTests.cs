using AiVideo.Core.Providers;
using AiVideo.McpServers.Render.Providers.Generative;
using AiVideo.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AiVideo.McpServers.Render.Tests.Generative;

public sealed class GenerativeRegistrationTests
{
    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddGenerativeSources(configuration);
        return services.BuildServiceProvider();
    }

    [Fact]
    public void AddGenerativeSources_OffersKlingRunwayAndVeo_WithCachesUnderTheRenderDataDirectory()
    {
        using var data = new TempDirectory("aivideo-generative-data");
        using var provider = Build(new() { ["RENDER_DATA"] = data.Path, ["Render:Generation:PollInterval"] = "00:00:02" });

        Assert.Equal(["kling", "runway", "veo"], provider.GetServices<IVisualSource>().Select(s => s.Name).Order());
        Assert.Equal(Path.Combine(data.Path, "generative"), provider.GetRequiredService<GenerationJobStore>().Root);
        Assert.Equal(TimeSpan.FromSeconds(2), provider.GetRequiredService<IOptions<GenerationOptions>>().Value.PollInterval);
    }

    [Fact]
    public void AddGenerativeSources_InvalidSettings_FailWithEveryProblemNamed()
    {
        using var provider = Build(new()
        {
            ["RENDER_DATA"] = "/tmp/x",
            ["Render:Kling:Mode"] = "turbo",
            ["Render:Kling:AccessKey"] = "only-one-half",
            ["Render:Runway:Durations"] = "5,12",
            ["Render:Veo:UsdPerSecond"] = "-1",
        });

        var kling = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<KlingOptions>>().Value);
        Assert.Contains("Render:Kling:Mode must be std or pro", kling.Message, StringComparison.Ordinal);
        Assert.Contains("set both AccessKey and SecretKey", kling.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("only-one-half", kling.Message, StringComparison.Ordinal);
        Assert.Contains("Render:Runway:Durations", Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<RunwayOptions>>().Value).Message, StringComparison.Ordinal);
        Assert.Contains("Render:Veo:UsdPerSecond", Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<VeoOptions>>().Value).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_EmptyKeys_AreTakenFromTheProvidersOwnEnvironmentVariables_ConfiguredKeysWin()
    {
        var environment = new Dictionary<string, string?>
        {
            ["KLING_ACCESS_KEY"] = "env-ak", ["KLING_SECRET_KEY"] = "env-sk", ["RUNWAYML_API_SECRET"] = "env-rw", ["GEMINI_API_KEY"] = "env-veo",
        };
        var kling = new KlingOptions();
        var runway = new RunwayOptions { ApiKey = "configured" };
        var veo = new VeoOptions();

        kling.ApplyEnvironment(environment.GetValueOrDefault);
        runway.ApplyEnvironment(environment.GetValueOrDefault);
        veo.ApplyEnvironment(environment.GetValueOrDefault);

        Assert.Equal(("env-ak", "env-sk", "configured", "env-veo"), (kling.AccessKey, kling.SecretKey, runway.ApiKey, veo.ApiKey));
    }
}
