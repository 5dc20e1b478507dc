namespace AiVideo.Core.Domain;

/// <summary>An operator's description of one faceless channel. Loaded from JSON (see samples/channels).</summary>
public sealed record ChannelProfile
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Niche { get; init; }
    public string Language { get; init; } = "en";
    public VoiceSettings Voice { get; init; } = new();
    public RenderSettings Render { get; init; } = new();

    /// <summary>Names that must appear spelled exactly as given wherever they occur (script, captions).</summary>
    public IReadOnlyList<string> BrandWords { get; init; } = [];

    /// <summary>Words that must never appear in a script.</summary>
    public IReadOnlyList<string> BannedWords { get; init; } = [];

    public IReadOnlyList<string> Platforms { get; init; } = [PlatformNames.TikTok];
    public IReadOnlyList<string> PostingTimes { get; init; } = [];
    public IReadOnlyList<string> Hashtags { get; init; } = [];
    public BudgetCaps Budget { get; init; } = new();

    /// <summary>Where shot pictures come from, in order of preference (the next one fills a shot the previous cannot).</summary>
    public VisualsSettings Visuals { get; init; } = new();

    /// <summary>Background music under the narration; none when absent.</summary>
    public MusicSettings? Music { get; init; }

    /// <summary>Thresholds of the QA gates for this channel.</summary>
    public QaSettings Qa { get; init; } = new();
}

/// <summary>Channel-configurable QA thresholds (defaults suit the embedded providers).</summary>
public sealed record QaSettings
{
    /// <summary>EBU R128 integrated loudness target of the final video.</summary>
    public double LoudnessTargetLufs { get; init; } = -14;

    /// <summary>Allowed distance from the target, in LU.</summary>
    public double LoudnessToleranceLu { get; init; } = 1.5;

    /// <summary>
    /// Highest true peak of the final video's audio, dBTP (the platforms ask for −1). AAC encoding can lift a transient
    /// above the assembler's limiter: one run in a thousand reached −0.2 dBTP in the reliability benchmark.
    /// </summary>
    public double MaxTruePeakDbtp { get; init; } = -1.0;

    /// <summary>Largest allowed difference between the audio and video stream lengths.</summary>
    public double MaxAvDriftSec { get; init; } = 0.25;

    /// <summary>Largest word error rate of the recognised narration against the script (0..1).</summary>
    public double MaxWordErrorRate { get; init; } = 0.5;

    /// <summary>Smallest share of caption words that OCR must read back from the frames (0..1).</summary>
    public double MinCaptionOcrRecall { get; init; } = 0.7;
}

/// <summary>The one locked voice of a channel.</summary>
public sealed record VoiceSettings
{
    /// <summary>Who speaks: <c>espeak</c> (embedded, free; the default), <c>elevenlabs</c> or <c>openai</c>.</summary>
    public string Provider { get; init; } = "espeak";

    /// <summary>The provider's voice id (espeak voice name, ElevenLabs voice_id, OpenAI voice such as <c>alloy</c>).</summary>
    public string Id { get; init; } = "en-us";

    /// <summary>The provider's model (e.g. <c>eleven_multilingual_v2</c>, <c>gpt-4o-mini-tts</c>); null: the server's configured default.</summary>
    public string? Model { get; init; }

    /// <summary>Provider-specific settings (ElevenLabs stability/similarityBoost/style/speed; OpenAI instructions/speed).</summary>
    public AiVideo.Core.Providers.VoiceTuning? Settings { get; init; }

    /// <summary>Speaking rate in words per minute (espeak-ng scale, 80..450).</summary>
    public int Rate { get; init; } = 165;
}

/// <summary>The locked visual identity of a channel.</summary>
public sealed record RenderSettings
{
    public int Seed { get; init; } = 1;

    /// <summary>Optional workspace-relative reference image; when absent the provider's style reference is used.</summary>
    public string? ReferenceImage { get; init; }

    /// <summary>Shots whose similarity to the channel reference is below this re-render (0..1).</summary>
    public double DriftThreshold { get; init; } = 0.55;

    /// <summary>How many times a drifted shot may be re-rendered before the run is dead-lettered.</summary>
    public int MaxRerenders { get; init; } = 2;

    /// <summary>Kinetic typography: each beat's key phrase set large over procedural shots.</summary>
    public bool KineticText { get; init; } = true;

    /// <summary>Font family of the key phrase (an installed font, fontconfig name); null: DejaVu Sans Bold.</summary>
    public string? Font { get; init; }
}

/// <summary>
/// Spending caps of a channel, in USD; 0 means nothing may be spent at that level (the embedded providers are free).
/// The Host reserves each paid call's estimate against all three before the call is made.
/// </summary>
public sealed record BudgetCaps
{
    public decimal MaxCostUsdPerVideo { get; init; }

    /// <summary>Per UTC calendar day; null: no daily cap.</summary>
    public decimal? MaxCostUsdPerDay { get; init; }

    /// <summary>Per UTC calendar month; null: no monthly cap.</summary>
    public decimal? MaxCostUsdPerMonth { get; init; }
}

/// <summary>The names of the visual sources a channel can list in <c>visuals.sources</c>.</summary>
public static class VisualSources
{
    /// <summary>Embedded: animated gradients and shapes in the channel's palette, with the beat's key phrase set large.</summary>
    public const string Procedural = "procedural";

    /// <summary>The operator's own folder of clips and stills (<c>visuals.library.path</c>).</summary>
    public const string Library = "library";

    /// <summary>Pexels stock video search (free; a key).</summary>
    public const string Pexels = "pexels";

    /// <summary>Pixabay stock video search (free; a key; answers cached 24 h).</summary>
    public const string Pixabay = "pixabay";

    /// <summary>Kling text/image-to-video generation (paid per second).</summary>
    public const string Kling = "kling";

    /// <summary>Runway Gen-4 image/text-to-video generation (paid per second).</summary>
    public const string Runway = "runway";

    /// <summary>Google Veo 3.1 generation through the Gemini API (paid per second).</summary>
    public const string Veo = "veo";

    /// <summary>Sources that work offline with no key.</summary>
    public static readonly IReadOnlyList<string> Offline = [Procedural, Library];

    /// <summary>Stock footage sites searched by the shot's query.</summary>
    public static readonly IReadOnlyList<string> Stock = [Pexels, Pixabay];

    /// <summary>Cloud video generators that draw the shot's prompt.</summary>
    public static readonly IReadOnlyList<string> Generators = [Kling, Runway, Veo];

    /// <summary>Every source a channel may list.</summary>
    public static readonly IReadOnlyList<string> All = [Procedural, Library, Pexels, Pixabay, Kling, Runway, Veo];

    /// <summary>
    /// True for sources that draw the picture in the channel's locked look (procedural and the generators): the drift
    /// gate measures those against the channel reference. Found footage (the library, stock) is the operator's choice of
    /// picture and is gated on relevance and technical sanity instead.
    /// </summary>
    public static bool IsGenerated(string? source) =>
        string.Equals(source, Procedural, StringComparison.OrdinalIgnoreCase) || IsCloudGenerator(source);

    /// <summary>True for the cloud generators (Kling, Runway, Veo).</summary>
    public static bool IsCloudGenerator(string? source) => Generators.Contains(source ?? "", StringComparer.OrdinalIgnoreCase);

    /// <summary>True for found footage: the library and stock sites.</summary>
    public static bool IsFound(string? source) =>
        string.Equals(source, Library, StringComparison.OrdinalIgnoreCase) || Stock.Contains(source ?? "", StringComparer.OrdinalIgnoreCase);
}

/// <summary>The channel's visual sources: an ordered list with fallback, and the settings of each.</summary>
public sealed record VisualsSettings
{
    public IReadOnlyList<string> Sources { get; init; } = [VisualSources.Procedural];

    public LibrarySettings? Library { get; init; }
}

/// <summary>A folder of the operator's clips and stills, ranked against each shot's query.</summary>
public sealed record LibrarySettings
{
    /// <summary>The folder (absolute, or relative to the channel file).</summary>
    public string Path { get; init; } = "";

    /// <summary>A library item used in any of the channel's last N videos is not picked again.</summary>
    public int AvoidRecentVideos { get; init; } = 5;
}

/// <summary>Background music: a folder of the operator's tracks, looped or trimmed under the narration and ducked while the voice speaks.</summary>
public sealed record MusicSettings
{
    /// <summary>A folder of tracks (or one audio file), absolute or relative to the channel file.</summary>
    public string Path { get; init; } = "";

    /// <summary>Music level in the mix where nobody speaks, in dB relative to the narration target.</summary>
    public double VolumeDb { get; init; } = -18;

    /// <summary>How far the music is pulled down while the voice speaks, in dB.</summary>
    public double DuckDb { get; init; } = 12;
}
