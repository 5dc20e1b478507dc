using System.Security.Cryptography;
using AiVideo.Core.Domain;
using AiVideo.Core.Workspace;
using AiVideo.Host.Mcp;
using AiVideo.Host.Reports;

namespace AiVideo.Host.Bench;

/// <summary>
/// Re-checks a published video after the run, independently of the run's own gates: the outbox holds the exact
/// final file for every channel platform; ffprobe finds a platform-ready file of the requested size whose audio
/// and video last equally long; its audio says the script (ASR word error rate); the published script spells every
/// brand word exactly; the video still looks like the channel (similarity of its frames to the channel reference).
/// (OCR needs at least 480 px of height, more than the benchmark's fast media mode has.)
/// </summary>
public sealed class PublishedVideoCheck(McpToolbox toolbox, ArtifactWorkspace workspace, ChannelProfile channel, VideoSize size)
{
    /// <summary>Captions cover part of each frame, so the whole video is held to a lower bar than a clean shot.</summary>
    public const double MinFinalSimilarity = 0.45;

    public async Task<IReadOnlyList<string>> CheckAsync(RunReport report, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var final = $"runs/{report.RunId}/final.mp4";
        var finalFull = workspace.TryResolveExistingFile(final);
        if (finalFull is null) return [$"final: {final} is missing or empty"];
        var finalHash = Hash(finalFull);

        foreach (var platform in channel.Platforms)
        {
            var receipts = report.Publish.Where(p => p.Platform == platform).ToList();
            if (receipts.Count != 1) { problems.Add($"receipts: {receipts.Count} for {platform}"); continue; }
            var videos = Directory.Exists(receipts[0].Location) ? Directory.GetFiles(receipts[0].Location, "*.mp4") : [];
            if (videos.Length != 1 || Hash(videos[0]) != finalHash) problems.Add($"outbox: {platform} does not hold the final video");
        }

        try
        {
            var info = (await toolbox.CallAsync<ProbeMediaToolResult>(McpToolbox.Render, "probe_media", new Dictionary<string, object?> { ["path"] = final }, null, cancellationToken)
                .ConfigureAwait(false)).ToMediaInfo();
            if (info.VideoCodec != "h264" || info.AudioCodec != "aac" || info.PixelFormat != "yuv420p") problems.Add($"format: {info.VideoCodec}/{info.AudioCodec}/{info.PixelFormat}");
            if (info.Width != size.Width || info.Height != size.Height) problems.Add($"format: {info.Width}x{info.Height}");
            if (info.AudioDurationSec is not { } a || info.VideoDurationSec is not { } v || Math.Abs(a - v) > 0.25) problems.Add($"av: audio {info.AudioDurationSec} s vs video {info.VideoDurationSec} s");
            var similarity = await toolbox.CallAsync<ShotSimilarityToolResult>(McpToolbox.Render, "shot_similarity",
                new Dictionary<string, object?> { ["clipPath"] = final, ["channelSeed"] = channel.Render.Seed }, null, cancellationToken).ConfigureAwait(false);
            if (similarity.Similarity < MinFinalSimilarity) problems.Add($"drift: final video similarity {similarity.Similarity:0.00} < {MinFinalSimilarity}");
            if (report.Script is { } script)
            {
                // ASR straight on the published file's audio: it must say the script.
                var speech = await toolbox.CallAsync<SpeechCheckToolResult>(McpToolbox.Voice, "check_speech",
                    new Dictionary<string, object?> { ["audioPath"] = final, ["text"] = script.NarrationText }, null, cancellationToken).ConfigureAwait(false);
                if (speech.WordErrorRate > channel.Qa.MaxWordErrorRate) problems.Add($"asr: word error rate {speech.WordErrorRate:P0} > {channel.Qa.MaxWordErrorRate:P0}");
            }
        }
        catch (ToolCallException ex)
        {
            problems.Add($"probe: {ex.ToolMessage}");
        }

        var text = report.Script is { } s ? string.Join(" ", s.Title, s.NarrationText) : "";
        foreach (var brand in channel.BrandWords)
        {
            var any = CountOf(text, brand, StringComparison.OrdinalIgnoreCase);
            if (any != CountOf(text, brand, StringComparison.Ordinal)) problems.Add($"brand: '{brand}' misspelled in the published script");
        }
        return problems;
    }

    /// <summary>Outbox entries beyond one per platform for each published run (a duplicate post).</summary>
    public static int CountDuplicates(string outDir, IReadOnlyList<string> publishedRuns, int platforms)
    {
        var root = Path.Combine(outDir, "published");
        var entries = Directory.Exists(root) ? Directory.GetDirectories(root).Sum(p => Directory.GetDirectories(p).Length) : 0;
        return Math.Max(0, entries - publishedRuns.Count * platforms);
    }

    private static int CountOf(string text, string word, StringComparison comparison)
    {
        var n = 0;
        for (var i = text.IndexOf(word, comparison); i >= 0; i = text.IndexOf(word, i + word.Length, comparison)) n++;
        return n;
    }

    private static string Hash(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
