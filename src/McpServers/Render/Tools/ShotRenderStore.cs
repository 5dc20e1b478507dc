using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using AiVideo.Core.Domain;
using AiVideo.Core.Providers;
using AiVideo.Core.Workspace;
using AiVideo.Media.Render;

namespace AiVideo.McpServers.Render.Tools;

/// <summary>What was rendered into a clip, kept next to it as <c>&lt;clip&gt;.json</c>.</summary>
public sealed record ShotSidecar(string InputHash, string Provider, int Seed, double DurationSec, int Attempt, decimal CostUsd, string StyleId);

/// <summary>
/// Renders shots into the workspace at most once per distinct input: each clip gets a sidecar with the hash of
/// the inputs that made it, and a request whose hash matches an existing clip + sidecar returns that clip without
/// calling the provider again (re-delivered tool calls after a pipeline resume never pay twice). Style references
/// are rendered once per seed under <c>references/</c>.
/// </summary>
public sealed class ShotRenderStore(ArtifactWorkspace workspace, IRenderProvider provider, ProceduralSceneRenderer procedural)
{
    public static readonly VideoSize ReferenceSize = new(360, 640);

    private readonly SemaphoreSlim _lock = new(1, 1);

    public string ProviderName => provider.Name;

    /// <summary>Hash of everything that determines the clip's bytes.</summary>
    public string InputHash(ShotRenderRequest request) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join('\u001f',
            provider.Name, ChannelStyle.Version, request.Prompt, request.ChannelSeed.ToString(CultureInfo.InvariantCulture),
            request.DurationSec.ToString("R", CultureInfo.InvariantCulture), request.Size.ToString(),
            request.Fps.ToString(CultureInfo.InvariantCulture), request.Attempt.ToString(CultureInfo.InvariantCulture))
            + (request.Overlay is null && request.Font is null ? "" : $"\u001f{request.Overlay}\u001f{request.Font}"))))[..24];

    /// <summary>
    /// What <see cref="RenderAsync"/> would cost for this request (the provider's price), without rendering: 0 when an
    /// identical earlier render at that path would be returned instead.
    /// </summary>
    public (decimal CostUsd, bool Reused) Estimate(ShotRenderRequest request, string fullOutputPath) =>
        TryReadSidecar(fullOutputPath, fullOutputPath + ".json", InputHash(request)) is not null
            ? (0m, true)
            : (provider.EstimateCostUsd(request with { OutputPath = fullOutputPath }), false);

    /// <returns>The sidecar and whether it came from an earlier render.</returns>
    public async Task<(ShotSidecar Shot, bool Reused)> RenderAsync(ShotRenderRequest request, string fullOutputPath, IProgress<double>? progress, CancellationToken cancellationToken)
    {
        var hash = InputHash(request);
        var sidecarPath = fullOutputPath + ".json";
        if (TryReadSidecar(fullOutputPath, sidecarPath, hash) is { } existing)
        {
            return (existing, true);
        }
        var result = await provider.RenderAsync(request with { OutputPath = fullOutputPath }, progress, cancellationToken).ConfigureAwait(false);
        var sidecar = new ShotSidecar(hash, provider.Name, result.SeedUsed, result.DurationSec, request.Attempt, result.CostUsd, result.StyleId);
        var temp = sidecarPath + $".{Guid.NewGuid():N}.partial";
        await File.WriteAllTextAsync(temp, JsonSerializer.Serialize(sidecar), cancellationToken).ConfigureAwait(false);
        File.Move(temp, sidecarPath, overwrite: true);
        return (sidecar, false);
    }

    /// <summary>The workspace-relative path of the channel's style reference, rendering it the first time.</summary>
    public async Task<string> EnsureReferenceAsync(int channelSeed, CancellationToken cancellationToken)
    {
        var relative = $"references/{ProceduralSceneRenderer.ProviderName}-v{ChannelStyle.Version}-seed{channelSeed.ToString(CultureInfo.InvariantCulture)}.png";
        var full = workspace.ResolveForWrite(relative);
        if (File.Exists(full))
        {
            return relative;
        }
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!File.Exists(full))
            {
                await procedural.RenderReferenceAsync(channelSeed, ReferenceSize, full, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _lock.Release();
        }
        return relative;
    }

    private static ShotSidecar? TryReadSidecar(string clipPath, string sidecarPath, string hash)
    {
        if (!File.Exists(clipPath) || !File.Exists(sidecarPath))
        {
            return null;
        }
        try
        {
            var sidecar = JsonSerializer.Deserialize<ShotSidecar>(File.ReadAllText(sidecarPath));
            return sidecar is not null && sidecar.InputHash == hash ? sidecar : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
