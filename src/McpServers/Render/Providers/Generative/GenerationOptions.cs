namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// Settings shared by the generative sources (<c>Render:Generation</c>): how often a task is polled, how long one call
/// waits for it at most, and where jobs and downloads are kept (the render server's data directory, <c>RENDER_DATA</c>).
/// </summary>
public sealed class GenerationOptions
{
    public const string Section = "Render:Generation";

    /// <summary>Time between two polls of a task (default 5 s).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest one call polls a task before giving up with a timeout (default 10 min); the job stays recorded.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>The render server's data directory; jobs go to <c>generative/jobs</c>, clips to <c>generative/&lt;provider&gt;</c>.</summary>
    public string DataDirectory { get; set; } = "";

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (PollInterval <= TimeSpan.Zero) errors.Add($"{Section}:PollInterval must be positive (e.g. 00:00:05)");
        if (MaxWait < PollInterval) errors.Add($"{Section}:MaxWait must be at least the poll interval (e.g. 00:10:00)");
        if (string.IsNullOrWhiteSpace(DataDirectory)) errors.Add("AIVIDEO_RENDER_DATA must name a directory");
        return errors;
    }
}
