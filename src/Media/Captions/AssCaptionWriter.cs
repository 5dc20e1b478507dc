using System.Globalization;
using System.Text;
using AiVideo.Core.Domain;

namespace AiVideo.Media.Captions;

/// <summary>
/// Writes caption cues as an ASS subtitle file for burning in: bold white DejaVu Sans with a thick outline,
/// centred in the platform safe area (clear of the bottom ~28% and the side margins where TikTok/Reels/Shorts
/// draw their UI). Each cue becomes one Dialogue line per word, showing the whole cue with the spoken word
/// highlighted; every line carries its cue index in the Name field (c0000…) so the file can be read back.
/// Times are floored to centiseconds, so a cue never starts later than its word.
/// </summary>
public sealed class AssCaptionWriter
{
    public const string StyleName = "Caption";
    public const string HighlightColour = "&H0000E5FF&"; // amber (BGR)
    public const string TextColour = "&H00FFFFFF&";

    public string Write(IReadOnlyList<CaptionCue> cues, VideoSize size)
    {
        var fontSize = Math.Max(12, (int)Math.Round(size.Height * 0.048));
        var outline = Math.Max(1, (int)Math.Round(fontSize * 0.09));
        var marginSide = (int)Math.Round(size.Width * 0.08);
        var marginBottom = (int)Math.Round(size.Height * 0.28);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"""
            [Script Info]
            ScriptType: v4.00+
            PlayResX: {size.Width}
            PlayResY: {size.Height}
            WrapStyle: 0
            ScaledBorderAndShadow: yes

            [V4+ Styles]
            Format: Name, Fontname, Fontsize, PrimaryColour, SecondaryColour, OutlineColour, BackColour, Bold, Italic, Underline, StrikeOut, ScaleX, ScaleY, Spacing, Angle, BorderStyle, Outline, Shadow, Alignment, MarginL, MarginR, MarginV, Encoding
            Style: {StyleName},DejaVu Sans,{fontSize},&H00FFFFFF,&H00FFFFFF,&H00000000,&H96000000,-1,0,0,0,100,100,0,0,1,{outline},{Math.Max(1, outline / 2)},2,{marginSide},{marginSide},{marginBottom},1

            [Events]
            Format: Layer, Start, End, Style, Name, MarginL, MarginR, MarginV, Effect, Text

            """);
        for (var c = 0; c < cues.Count; c++)
        {
            var cue = cues[c];
            for (var w = 0; w < cue.Words.Count; w++)
            {
                var start = w == 0 ? cue.StartMs : cue.Words[w].StartMs;
                var end = w + 1 < cue.Words.Count ? cue.Words[w + 1].StartMs : cue.EndMs;
                var text = string.Join(" ", cue.Words.Select((word, i) => i == w
                    ? $"{{\\c{HighlightColour}}}{Escape(word.Word)}{{\\c{TextColour}}}"
                    : Escape(word.Word)));
                sb.Append(CultureInfo.InvariantCulture, $"Dialogue: 0,{Time(start)},{Time(Math.Max(end, start + 10))},{StyleName},c{c:0000},0,0,0,,{text}\n");
            }
        }
        return sb.ToString();
    }

    /// <summary>ASS time h:mm:ss.cc, floored to the centisecond.</summary>
    public static string Time(int ms)
    {
        var cs = Math.Max(0, ms) / 10;
        return string.Create(CultureInfo.InvariantCulture, $"{cs / 360000}:{cs / 6000 % 60:00}:{cs / 100 % 60:00}.{cs % 100:00}");
    }

    /// <summary>Braces would start override tags and backslashes escapes: keep them literal.</summary>
    public static string Escape(string word) => word.Replace("\\", "/").Replace("{", "\\{").Replace("}", "\\}");
}
