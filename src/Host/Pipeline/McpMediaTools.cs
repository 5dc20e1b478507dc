using AiVideo.Core.Domain;
using AiVideo.Host.Costs;
using AiVideo.Host.Mcp;
using ModelContextProtocol;

namespace AiVideo.Host.Pipeline;

/// <summary><see cref="IMediaTools"/> over the three MCP servers.</summary>
public sealed class McpMediaTools(McpToolbox toolbox) : IMediaTools, ISpeechQuoter
{
    public Task<SpeechToolResult> SynthesizeAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken) =>
        toolbox.CallAsync<SpeechToolResult>(McpToolbox.Voice, "synthesize_speech", SpeechArguments(text, voice, outputPath, dryRun: false), null, cancellationToken);

    /// <summary>synthesize_speech with <c>dryRun</c>: the price of exactly this narration (0 when the server would reuse a stored one).</summary>
    public async Task<CostQuote> QuoteSpeechAsync(string text, VoiceSettings voice, string outputPath, CancellationToken cancellationToken)
    {
        var quote = await toolbox.CallAsync<SpeechToolResult>(McpToolbox.Voice, "synthesize_speech", SpeechArguments(text, voice, outputPath, dryRun: true), null, cancellationToken).ConfigureAwait(false);
        return new CostQuote(quote.Provider, quote.Reused ? 0 : quote.CostUsd);
    }

    /// <summary>synthesize_speech's arguments for a channel's voice: provider, voice id, model and settings as flat parameters.</summary>
    public static Dictionary<string, object?> SpeechArguments(string text, VoiceSettings voice, string outputPath, bool dryRun)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["text"] = text,
            ["voiceId"] = voice.Id,
            ["rate"] = voice.Rate,
            ["outputPath"] = outputPath,
            ["provider"] = voice.Provider,
        };
        if (voice.Model is not null) arguments["model"] = voice.Model;
        if (voice.Settings is { } s)
        {
            if (s.Stability is not null) arguments["stability"] = s.Stability;
            if (s.SimilarityBoost is not null) arguments["similarityBoost"] = s.SimilarityBoost;
            if (s.Style is not null) arguments["style"] = s.Style;
            if (s.Speed is not null) arguments["speed"] = s.Speed;
            if (s.Instructions is not null) arguments["instructions"] = s.Instructions;
        }
        if (dryRun) arguments[AiVideo.Contracts.PaidTools.DryRunArgument] = true;
        return arguments;
    }

    public Task<RenderShotToolResult> RenderShotAsync(ShotRenderCall call, IProgress<double> progress, CancellationToken cancellationToken) =>
        toolbox.CallAsync<RenderShotToolResult>(McpToolbox.Render, "render_shot", RenderArguments(call), Fraction(progress), cancellationToken);

    /// <summary>render_shot's arguments for a call: the shot, its source, and what sources that search or remember need.</summary>
    public static Dictionary<string, object?> RenderArguments(ShotRenderCall call)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["prompt"] = call.Shot.Prompt,
            ["channelSeed"] = call.ChannelSeed,
            ["durationSec"] = call.DurationSec,
            ["width"] = call.Size.Width,
            ["height"] = call.Size.Height,
            ["fps"] = call.Fps,
            ["attempt"] = call.Attempt,
            ["outputPath"] = call.OutputPath,
            ["overlayText"] = call.Overlay,
            ["font"] = call.Font,
            ["source"] = call.Source,
            ["query"] = call.Query,
            ["channelId"] = call.ChannelId,
            ["runId"] = call.RunId,
            ["shotId"] = call.Shot.Id,
            [PaidTools.DryRunArgument] = call.DryRun,
        };
        if (call.Library is { } library)
        {
            arguments["libraryPath"] = library.Path;
            arguments["avoidRecentVideos"] = library.AvoidRecentVideos;
        }
        if (call.ReferenceImage is { Length: > 0 } reference && VisualSources.IsCloudGenerator(call.Source))
        {
            arguments["referenceImagePath"] = reference;
        }
        return arguments;
    }

    public Task<ShotSimilarityToolResult> ShotSimilarityAsync(string clipPath, int channelSeed, string? referencePath, string source, CancellationToken cancellationToken) =>
        toolbox.CallAsync<ShotSimilarityToolResult>(McpToolbox.Render, "shot_similarity", new Dictionary<string, object?>
        {
            ["clipPath"] = clipPath,
            ["channelSeed"] = channelSeed,
            ["referencePath"] = referencePath,
            ["source"] = source,
            ["method"] = "auto",
        }, null, cancellationToken);

    public Task<FootageCheckToolResult> CheckFootageAsync(string clipPath, VideoSize expected, CancellationToken cancellationToken) =>
        toolbox.CallAsync<FootageCheckToolResult>(McpToolbox.Render, "check_footage", new Dictionary<string, object?>
        {
            ["clipPath"] = clipPath,
            ["width"] = expected.Width,
            ["height"] = expected.Height,
        }, null, cancellationToken);

    public Task<AssembleToolResult> AssembleAsync(IReadOnlyList<string> shotPaths, IReadOnlyList<double> shotDurations, Narration narration, VideoSize size, int fps, string outputPath, MusicBed? music, IProgress<double> progress, CancellationToken cancellationToken)
    {
        var arguments = new Dictionary<string, object?>
        {
            ["shotPaths"] = shotPaths,
            ["shotDurations"] = shotDurations,
            ["narrationPath"] = narration.AudioPath,
            ["words"] = narration.Words,
            ["width"] = size.Width,
            ["height"] = size.Height,
            ["fps"] = fps,
            ["outputPath"] = outputPath,
        };
        if (music is not null)
        {
            arguments["musicPath"] = music.TrackPath;
            arguments["musicVolumeDb"] = music.VolumeDb;
            arguments["musicDuckDb"] = music.DuckDb;
        }
        return toolbox.CallAsync<AssembleToolResult>(McpToolbox.Render, "assemble_video", arguments, Fraction(progress), cancellationToken);
    }

    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken) =>
        (await toolbox.CallAsync<ProbeMediaToolResult>(McpToolbox.Render, "probe_media", new Dictionary<string, object?> { ["path"] = path }, null, cancellationToken)
            .ConfigureAwait(false)).ToMediaInfo();

    public Task<PublishToolResult> PublishAsync(string videoPath, string platform, PublishMetadata metadata, string idempotencyKey, CancellationToken cancellationToken) =>
        toolbox.CallAsync<PublishToolResult>(McpToolbox.Publish, "publish_video", new Dictionary<string, object?>
        {
            ["videoPath"] = videoPath,
            ["platform"] = platform,
            ["title"] = metadata.Title,
            ["caption"] = metadata.Caption,
            ["hashtags"] = metadata.Hashtags,
            ["channelId"] = metadata.ChannelId,
            ["idempotencyKey"] = idempotencyKey,
        }, null, cancellationToken);

    public async Task<IReadOnlyList<string>?> ReadCaptionsAsync(string videoPath, IReadOnlyList<int> atMs, CancellationToken cancellationToken)
    {
        var result = await toolbox.CallAsync<ReadCaptionsToolResult>(McpToolbox.Render, "read_captions",
            new Dictionary<string, object?> { ["videoPath"] = videoPath, ["atMs"] = atMs }, null, cancellationToken).ConfigureAwait(false);
        return result.Readable ? result.Texts : null;
    }

    public Task<SpeechCheckToolResult> CheckSpeechAsync(string audioPath, string script, CancellationToken cancellationToken) =>
        toolbox.CallAsync<SpeechCheckToolResult>(McpToolbox.Voice, "check_speech",
            new Dictionary<string, object?> { ["audioPath"] = audioPath, ["text"] = script }, null, cancellationToken);

    public async Task<PublishToolResult?> FindPublicationAsync(string idempotencyKey, CancellationToken cancellationToken)
    {
        var found = await toolbox.CallAsync<FindPublicationToolResult>(McpToolbox.Publish, "find_publication",
            new Dictionary<string, object?> { ["idempotencyKey"] = idempotencyKey }, null, cancellationToken).ConfigureAwait(false);
        return found.Found ? found.Receipt : null;
    }

    /// <summary>MCP progress (progress/total) as a 0..1 fraction. Never used as a completion signal.</summary>
    private static Progress<ProgressNotificationValue> Fraction(IProgress<double> progress) =>
        new(v => progress.Report(v.Total is > 0 ? Math.Clamp(v.Progress / v.Total.Value, 0, 1) : Math.Clamp(v.Progress, 0, 1)));
}
