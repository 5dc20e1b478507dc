using AiVideo.Core;
using AiVideo.Host.Configuration;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

namespace AiVideo.Host.Tests.Configuration;

public class ModelConnectionTests
{
    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void FromConfiguration_Nothing_IsOffline()
    {
        using var model = ModelConnection.FromConfiguration(Config(), NullLoggerFactory.Instance);
        Assert.True(model.IsOffline);
    }

    [Fact]
    public void FromConfiguration_MissingKey_OneLineErrorNamingTheSettingWithoutSecrets()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ModelConnection.FromConfiguration(
            Config(("Model:Provider", "anthropic"), ("Model:Model", "claude-x")), NullLoggerFactory.Instance));
        Assert.Contains("AIVIDEO__MODEL__APIKEY", ex.Message);
        Assert.DoesNotContain("\n", ex.Message);
    }

    [Fact]
    public void FromConfiguration_BadTemperature_ErrorNeverShowsTheKey()
    {
        var ex = Assert.Throws<InvalidInputException>(() => ModelConnection.FromConfiguration(
            Config(("Model:Provider", "openai"), ("Model:Model", "m"), ("Model:ApiKey", "sk-secret-123"), ("Model:Temperature", "5")), NullLoggerFactory.Instance));
        Assert.Contains("Temperature", ex.Message);
        Assert.DoesNotContain("sk-secret-123", ex.Message);
    }

    [Fact]
    public void FromConfiguration_OpenAICompatible_BuildsAClientThatAnswersItsMetadata()
    {
        using var model = ModelConnection.FromConfiguration(
            Config(("Model:Provider", "openai-compatible"), ("Model:Model", "llama3"), ("Model:Endpoint", "http://127.0.0.1:1/v1")), NullLoggerFactory.Instance);
        Assert.False(model.IsOffline);
        Assert.NotNull(model.Client!.GetService<ChatClientMetadata>());
        Assert.Equal("openai-compatible (llama3)", model.Description);
    }
}
