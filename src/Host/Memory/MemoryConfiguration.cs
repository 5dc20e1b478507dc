using AiVideo.Host.Configuration;
using AiVideo.Memory.Performance;
using Microsoft.Extensions.Configuration;

namespace AiVideo.Host.Memory;

/// <summary>
/// The performance memory settings (section <c>Memory</c>) as the CLI sees them: checked here so a bad setting is one
/// line and exit 2 before anything starts, and handed to the Publish server — which owns the memory and reads the
/// same settings — as <c>AIVIDEO__MEMORY__…</c> variables when the CLI starts it (appsettings.json and user secrets
/// included, not only the CLI's own environment).
/// </summary>
public sealed class MemoryConfiguration(MemoryOptions options, IReadOnlyDictionary<string, string> serverEnvironment)
{
    public static MemoryConfiguration Default { get; } = new(new MemoryOptions(), new Dictionary<string, string>());

    public MemoryOptions Options => options;

    /// <summary>The memory settings as environment variables for the Publish server.</summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment => serverEnvironment;

    /// <summary>Binds and validates section <c>Memory</c>; a bad setting is an <see cref="Core.InvalidInputException"/> naming what to fix.</summary>
    public static MemoryConfiguration FromConfiguration(IConfiguration configuration)
    {
        var options = PerformanceMemoryFactory.Bind(configuration);
        var environment = configuration.GetSection(MemoryOptions.SectionName).AsEnumerable()
            .Where(kv => kv.Value is not null)
            .ToDictionary(kv => AppConfiguration.EnvironmentPrefix + kv.Key.Replace(":", "__", StringComparison.Ordinal).ToUpperInvariant(), kv => kv.Value!, StringComparer.Ordinal);
        return new MemoryConfiguration(options, environment);
    }
}
