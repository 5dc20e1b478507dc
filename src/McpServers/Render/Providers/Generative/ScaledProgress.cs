namespace AiVideo.McpServers.Render.Providers.Generative;

/// <summary>
/// Reports a step's 0..1 as its share <paramref name="from"/>..<paramref name="to"/> of the whole, synchronously and in
/// order (unlike <see cref="Progress{T}"/>, which posts to the thread pool and may report after the work returned).
/// </summary>
internal sealed class ScaledProgress(IProgress<double> inner, double from, double to) : IProgress<double>
{
    public void Report(double value) => inner.Report(from + (to - from) * Math.Clamp(value, 0, 1));
}
