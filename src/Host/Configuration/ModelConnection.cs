using AiVideo.Agents.Providers;
using AiVideo.Core;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace AiVideo.Host.Configuration;

/// <summary>The configured model for this process: a client (null when offline) and a one-line description without secrets.</summary>
public sealed class ModelConnection(IChatClient? client, string description) : IDisposable
{
    public IChatClient? Client { get; } = client;

    public string Description { get; } = description;

    public bool IsOffline => Client is null;

    public static ModelConnection Offline { get; } = new(null, "offline (no model configured)");

    /// <summary>Binds and validates section <c>Model</c>; a bad setting is an <see cref="InvalidInputException"/> naming what to fix.</summary>
    public static ModelConnection FromConfiguration(IConfiguration configuration, ILoggerFactory loggerFactory)
    {
        var options = new ModelOptions();
        try
        {
            configuration.GetSection(ModelOptions.SectionName).Bind(options);
        }
        catch (InvalidOperationException ex)
        {
            throw new InvalidInputException($"configuration section Model: {ex.Message}");
        }
        var validation = new ModelOptionsValidator().Validate(null, options);
        if (validation.Failed)
        {
            throw new InvalidInputException($"model configuration: {string.Join("; ", validation.Failures ?? [])}");
        }
        if (options.IsOffline) return Offline;
        var client = new ChatClientFactory(loggerFactory).Create(options);
        return new ModelConnection(client, $"{options.NormalizedProvider} ({options.Model})");
    }

    public void Dispose()
    {
        if (!ReferenceEquals(this, Offline)) Client?.Dispose();
    }
}
