using System.Reflection;

namespace AiVideo.Testing;

/// <summary>Where the repository is, recorded at build time (tests may run from any output folder).</summary>
public static class RepoPaths
{
    public static string Root { get; } = typeof(RepoPaths).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .First(a => a.Key == "RepoRoot").Value!.TrimEnd('/');

    public static string Samples(params string[] parts) => Path.Combine([Root, "samples", .. parts]);
}
