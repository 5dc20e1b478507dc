using Microsoft.Extensions.Options;

namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>Checks the generative sources' settings at server start; every problem one line, naming its setting.</summary>
public sealed class GenerativeOptionsValidator :
    IValidateOptions<GenerationOptions>, IValidateOptions<KlingOptions>, IValidateOptions<RunwayOptions>, IValidateOptions<VeoOptions>
{
    public ValidateOptionsResult Validate(string? name, GenerationOptions options) => Result(options.Validate());

    public ValidateOptionsResult Validate(string? name, KlingOptions options) => Result(options.Validate());

    public ValidateOptionsResult Validate(string? name, RunwayOptions options) => Result(options.Validate());

    public ValidateOptionsResult Validate(string? name, VeoOptions options) => Result(options.Validate());

    private static ValidateOptionsResult Result(IReadOnlyList<string> errors) =>
        errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail("render server settings: " + string.Join("; ", errors));
}
