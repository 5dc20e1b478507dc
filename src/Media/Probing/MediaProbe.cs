using System.Globalization;
using System.Text.Json;
using AiVideo.Core.Domain;
using AiVideo.Media.Processes;

namespace AiVideo.Media.Probing;

/// <summary>Reads container and stream facts with ffprobe (≈0.1 s per file).</summary>
public sealed class MediaProbe(ProcessRunner runner)
{
    public async Task<MediaInfo> ProbeAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"media file '{Path.GetFileName(path)}' does not exist");
        }
        var result = await runner.RunAsync("ffprobe",
            ["-v", "error", "-print_format", "json", "-show_format", "-show_streams", path], cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0)
        {
            throw new InvalidDataException($"'{Path.GetFileName(path)}' is not readable media: {result.StandardError.Trim()}");
        }
        using var doc = JsonDocument.Parse(result.StandardOutput);
        var root = doc.RootElement;
        var streams = root.TryGetProperty("streams", out var s) ? s.EnumerateArray().ToList() : [];
        var video = streams.FirstOrDefault(x => Str(x, "codec_type") == "video");
        var audio = streams.FirstOrDefault(x => Str(x, "codec_type") == "audio");
        var format = root.TryGetProperty("format", out var f) ? f : default;
        return new MediaInfo
        {
            DurationSec = Num(format, "duration") ?? 0,
            VideoCodec = video.ValueKind == JsonValueKind.Object ? Str(video, "codec_name") : null,
            AudioCodec = audio.ValueKind == JsonValueKind.Object ? Str(audio, "codec_name") : null,
            Width = video.ValueKind == JsonValueKind.Object && video.TryGetProperty("width", out var w) ? w.GetInt32() : 0,
            Height = video.ValueKind == JsonValueKind.Object && video.TryGetProperty("height", out var h) ? h.GetInt32() : 0,
            PixelFormat = video.ValueKind == JsonValueKind.Object ? Str(video, "pix_fmt") : null,
            FrameRate = video.ValueKind == JsonValueKind.Object ? Rate(Str(video, "avg_frame_rate")) : 0,
            VideoDurationSec = video.ValueKind == JsonValueKind.Object ? Num(video, "duration") : null,
            AudioDurationSec = audio.ValueKind == JsonValueKind.Object ? Num(audio, "duration") : null,
            SizeBytes = new FileInfo(path).Length,
            FastStart = await IsFastStartAsync(path, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>True when the MP4 'moov' atom precedes 'mdat' (playback can start before the download ends).</summary>
    public static async Task<bool> IsFastStartAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var header = new byte[8];
        long offset = 0;
        while (offset + 8 <= stream.Length)
        {
            stream.Position = offset;
            if (await stream.ReadAsync(header, cancellationToken).ConfigureAwait(false) < 8) return false;
            long size = (uint)(header[0] << 24 | header[1] << 16 | header[2] << 8 | header[3]);
            var type = System.Text.Encoding.ASCII.GetString(header, 4, 4);
            if (type == "moov") return true;
            if (type == "mdat") return false;
            if (size == 1)
            {
                var large = new byte[8];
                if (await stream.ReadAsync(large, cancellationToken).ConfigureAwait(false) < 8) return false;
                size = (long)System.Buffers.Binary.BinaryPrimitives.ReadUInt64BigEndian(large);
            }
            if (size < 8) return false;
            offset += size;
        }
        return false;
    }

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static double? Num(JsonElement e, string name) =>
        Str(e, name) is { } text && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null;

    private static double Rate(string? fraction)
    {
        if (fraction is null) return 0;
        var parts = fraction.Split('/');
        return parts.Length == 2
            && double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            && double.TryParse(parts[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d != 0
            ? n / d
            : 0;
    }
}
