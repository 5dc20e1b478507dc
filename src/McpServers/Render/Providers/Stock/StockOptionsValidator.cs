using Microsoft.Extensions.Options;

namespace AiVideo.McpServers.Render.Providers.Stock;

/// <summary>Checks a provider's settings at start; the message lists every problem with the variable to fix.</summary>
public sealed class StockOptionsValidator<TOptions> : IValidateOptions<TOptions> where TOptions : StockProviderOptions
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var errors = options.Validate();
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail($"render server settings ({options.DisplayName}): " + string.Join("; ", errors));
    }
}
