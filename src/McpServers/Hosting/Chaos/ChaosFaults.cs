using AiVideo.Core.Chaos;
using AiVideo.Core.Providers;

namespace AiVideo.McpServers.Hosting.Chaos;

/// <summary>The ways a provider call can go wrong under chaos.</summary>
public enum ChaosFault
{
    /// <summary>A retryable error (rate limit, 5xx, dropped connection).</summary>
    Transient,

    /// <summary>The call hangs until the caller's timeout cancels it.</summary>
    Hang,

    /// <summary>Success is reported, but the file is empty.</summary>
    ZeroLengthFile,

    /// <summary>Success is reported, but the file is cut short.</summary>
    TruncatedFile,

    /// <summary>Voice: the audio is half as long as reported.</summary>
    WrongDurationAudio,

    /// <summary>Render: the shot is rendered in another channel's style.</summary>
    DriftedShot,

    /// <summary>Publish: the post lands, then the call reports a failure.</summary>
    LandsButReportsFailure,
}

internal static class ChaosActions
{
    public static async Task HangAsync(ChaosDice dice, CancellationToken cancellationToken) =>
        await Task.Delay(TimeSpan.FromSeconds(dice.Spec.HangSeconds), cancellationToken).ConfigureAwait(false);

    public static TransientProviderException Transient(string provider) => new($"chaos: {provider} is temporarily unavailable (injected)");

    public static void Truncate(string path, double keep)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.SetLength((long)(file.Length * keep));
    }
}
