using AiVideo.Agents.Providers;

namespace AiVideo.Agents.Tests.ModelProviders;

public class ModelOptionsValidatorTests
{
    private const string Key = "sk-very-secret";

    private static string Errors(ModelOptions o)
    {
        var result = new ModelOptionsValidator().Validate(null, o);
        return result.Succeeded ? "" : result.FailureMessage ?? "";
    }

    [Theory]
    [InlineData("gpt", null, null, null, "is unknown; use one of offline, openai, azure-openai, anthropic, ollama, openai-compatible")]
    [InlineData("openai", "gpt-4o-mini", null, null, "AIVIDEO__MODEL__APIKEY")]
    [InlineData("openai", null, Key, null, "needs Model:Model")]
    [InlineData("azure-openai", "dep", Key, null, "https://<resource>.openai.azure.com")]
    [InlineData("openai-compatible", "llama3", null, null, "base URL ending in /v1")]
    [InlineData("ollama", "llama3", null, "localhost:11434", "must be an absolute http(s) URL")]
    public void Validate_BadSetting_SaysWhatToFix(string provider, string? model, string? key, string? endpoint, string expected)
    {
        var errors = Errors(new ModelOptions { Provider = provider, Model = model, ApiKey = key, Endpoint = endpoint });
        Assert.Contains(expected, errors);
        Assert.DoesNotContain(Key, errors);
    }

    [Fact]
    public void Validate_OutOfRangeNumbers_AreNamed()
    {
        var errors = Errors(new ModelOptions { Provider = "anthropic", Model = "m", ApiKey = Key, Temperature = 3, MaxTokens = 0 });
        Assert.Contains("Model:Temperature 3 must be 0..2", errors);
        Assert.Contains("Model:MaxTokens 0 must be 1..200000", errors);
    }

    [Theory]
    [InlineData("offline", null, null, null)]
    [InlineData("OpenAI", "gpt-4o-mini", Key, null)]
    [InlineData("azure-openai", "dep", Key, "https://r.openai.azure.com")]
    [InlineData("anthropic", "claude", Key, null)]
    [InlineData("ollama", "llama3", null, null)]
    [InlineData("openai-compatible", "qwen", null, "http://localhost:1234/v1")]
    public void Validate_CompleteConfiguration_Succeeds(string provider, string? model, string? key, string? endpoint) =>
        Assert.Equal("", Errors(new ModelOptions { Provider = provider, Model = model, ApiKey = key, Endpoint = endpoint }));

    [Fact]
    public void ToString_HidesTheKey() =>
        Assert.DoesNotContain(Key, new ModelOptions { Provider = "openai", ApiKey = Key }.ToString());
}
