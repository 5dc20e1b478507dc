using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiVideo.McpServers.Render.Library;

/// <summary>
/// The library source's settings, from the server's environment: <c>AIVIDEO_RENDER_LIBRARIES</c> (the folders the server
/// may read, separated by '<see cref="Path.PathSeparator"/>'; the aivideo CLI adds the channel's library when it starts
/// the server for a make), <c>AIVIDEO_RENDER_DATA</c> (the server's own data: pick store and index cache; default
/// <c>$AIVIDEO_OUT/render</c>) and <c>AIVIDEO_RENDER_LIBRARY_MIN_SCORE</c> (the similarity floor, default 0.12: one shared word of a short query).
/// </summary>
public sealed class LibrarySourceOptions
{
    public const double DefaultMinScore = 0.12;

    public IReadOnlyList<string> AllowedFolders { get; set; } = [];

    public string DataDirectory { get; set; } = Path.Combine("out", "render");

    /// <summary>Items whose text is less similar than this to the shot's query are never picked (0..1).</summary>
    public double MinScore { get; set; } = DefaultMinScore;

    public static LibrarySourceOptions FromConfiguration(IConfiguration configuration)
    {
        var options = new LibrarySourceOptions
        {
            AllowedFolders = (configuration["RENDER_LIBRARIES"] ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(Path.GetFullPath).Distinct(StringComparer.Ordinal).ToList(),
            DataDirectory = Path.GetFullPath(configuration["RENDER_DATA"] is { Length: > 0 } data ? data : Path.Combine(configuration["OUT"] is { Length: > 0 } o ? o : "out", "render")),
        };
        if (configuration["RENDER_LIBRARY_MIN_SCORE"] is { Length: > 0 } floor)
        {
            options.MinScore = double.TryParse(floor, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
        }
        return options;
    }

    /// <summary>Everything wrong, one line each.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (double.IsNaN(MinScore) || MinScore is < 0 or > 1) errors.Add("AIVIDEO_RENDER_LIBRARY_MIN_SCORE must be a number 0..1");
        if (string.IsNullOrWhiteSpace(DataDirectory)) errors.Add("AIVIDEO_RENDER_DATA must name a directory");
        return errors;
    }
}
