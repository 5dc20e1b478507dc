using Microsoft.Extensions.Configuration;

namespace AiVideo.Host.Configuration;

/// <summary>
/// Configuration sources, later ones winning: appsettings.json next to the binary (shipped defaults),
/// ./appsettings.json, the file named by AIVIDEO_CONFIG, user secrets (src/Host), and environment variables
/// prefixed AIVIDEO__ (AIVIDEO__MODEL__PROVIDER → Model:Provider).
/// </summary>
public static class AppConfiguration
{
    public const string ConfigFileVariable = "AIVIDEO_CONFIG";
    public const string EnvironmentPrefix = "AIVIDEO__";

    public static IConfiguration Load()
    {
        var builder = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.GetFullPath("appsettings.json"), optional: true);
        if (Environment.GetEnvironmentVariable(ConfigFileVariable) is { Length: > 0 } file)
        {
            if (!File.Exists(file)) throw new Core.InvalidInputException($"{ConfigFileVariable} names '{file}', which does not exist");
            builder.AddJsonFile(Path.GetFullPath(file), optional: false);
        }
        return builder
            .AddUserSecrets(typeof(AppConfiguration).Assembly, optional: true)
            .AddEnvironmentVariables(EnvironmentPrefix)
            .Build();
    }
}
