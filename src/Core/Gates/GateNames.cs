namespace AiVideo.Core.Gates;

public static class GateNames
{
    public const string ScriptSchema = "script.schema";
    public const string ScriptBrandWords = "script.brand_words";
    public const string ScriptBannedWords = "script.banned_words";
    public const string VoiceTimings = "voice.timings";
    public const string VoiceAudio = "voice.audio";
    public const string ShotDrift = "render.drift";
    public const string ShotFootage = "render.footage";
    public const string CaptionSync = "qa.caption_sync";
    public const string Format = "qa.format";
    public const string Publish = "publish.receipt";
    public const string ScriptReview = "qa.script_review";
    public const string Loudness = "qa.loudness";
    public const string AvDuration = "qa.av_duration";
    public const string PlatformLimits = "qa.platform_limits";
    public const string CaptionOcr = "qa.caption_ocr";
    public const string SpeechAsr = "qa.speech_asr";
    public const string FinalReview = "qa.final_review";
}
