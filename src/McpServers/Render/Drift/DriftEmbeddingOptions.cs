using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace AiVideo.McpServers.Render.Drift;

/// <summary>
/// The image-embedding provider the drift gate measures cloud-generated shots with (configuration section
/// <c>Drift:Embedding</c>, environment <c>AIVIDEO__DRIFT__EMBEDDING__…</c>):
/// <list type="bullet">
/// <item><c>Provider</c>: <c>none</c> (default: generated shots fall back to the colour histogram), <c>http</c> or <c>onnx</c>.</item>
/// <item>http: <c>Endpoint</c> (the full URL of the embeddings call), <c>ApiKey</c> (sent as a bearer token), <c>Model</c>.</item>
/// <item>onnx: <c>ModelPath</c> (a CLIP-style image encoder), <c>InputSize</c> (default 224), <c>Mean</c> and <c>Std</c>
/// (three comma-separated numbers each, R,G,B; default CLIP's).</item>
/// <item>both: <c>Baseline</c> — the cosine that counts as "unrelated" (0..0.99, default 0), see <see cref="Media.Similarity.EmbeddingSimilarity.ToScore"/>.</item>
/// </list>
/// </summary>
public sealed class DriftEmbeddingOptions
{
    public const string Section = "Drift:Embedding";
    public const string None = "none";
    public const string Http = "http";
    public const string Onnx = "onnx";

    public static readonly IReadOnlyList<float> ClipMean = [0.48145466f, 0.4578275f, 0.40821073f];
    public static readonly IReadOnlyList<float> ClipStd = [0.26862954f, 0.26130258f, 0.27577711f];

    public string Provider { get; set; } = None;
    public string? Endpoint { get; set; }
    public string? ApiKey { get; set; }
    public string? Model { get; set; }
    public string? ModelPath { get; set; }
    public int InputSize { get; set; } = 224;
    public IReadOnlyList<float> Mean { get; set; } = ClipMean;
    public IReadOnlyList<float> Std { get; set; } = ClipStd;
    public double Baseline { get; set; }

    /// <summary>Tries of one HTTP call in all (429 and 5xx are retried, honouring Retry-After).</summary>
    public int MaxAttempts { get; set; } = 4;

    /// <summary>Per-request HTTP timeout, seconds.</summary>
    public int TimeoutSec { get; set; } = 60;

    /// <summary>Settings that could not be read as numbers, reported by <see cref="Validate"/>.</summary>
    private readonly List<string> _parseErrors = [];

    public bool Enabled => Provider is Http or Onnx;

    public static DriftEmbeddingOptions FromConfiguration(IConfiguration configuration) => new DriftEmbeddingOptions().BindFrom(configuration);

    /// <summary>Reads <see cref="Section"/> into this instance; numbers that do not parse are reported by <see cref="Validate"/>.</summary>
    public DriftEmbeddingOptions BindFrom(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        Provider = (section["Provider"] is { Length: > 0 } p ? p : None).Trim().ToLowerInvariant();
        Endpoint = Trimmed(section["Endpoint"]);
        ApiKey = Trimmed(section["ApiKey"]);
        Model = Trimmed(section["Model"]);
        ModelPath = Trimmed(section["ModelPath"]);
        if (Trimmed(section["InputSize"]) is { } size) InputSize = ParseInt(size, "InputSize");
        if (Trimmed(section["MaxAttempts"]) is { } attempts) MaxAttempts = ParseInt(attempts, "MaxAttempts");
        if (Trimmed(section["TimeoutSec"]) is { } timeout) TimeoutSec = ParseInt(timeout, "TimeoutSec");
        if (Trimmed(section["Mean"]) is { } mean) Mean = ParseTriple(mean, "Mean");
        if (Trimmed(section["Std"]) is { } std) Std = ParseTriple(std, "Std");
        if (Trimmed(section["Baseline"]) is { } baseline)
        {
            Baseline = double.TryParse(baseline, NumberStyles.Float, CultureInfo.InvariantCulture, out var b) ? b : double.NaN;
        }
        return this;
    }

    /// <summary>Everything wrong, one line each, naming the environment variable to fix. Never echoes the key.</summary>
    public IReadOnlyList<string> Validate()
    {
        const string prefix = "AIVIDEO__DRIFT__EMBEDDING__";
        var errors = new List<string>(_parseErrors);
        if (Provider is not (None or Http or Onnx))
        {
            errors.Add($"{prefix}PROVIDER must be none, http or onnx (got '{Provider}')");
            return errors;
        }
        if (Provider == Http)
        {
            if (!Uri.TryCreate(Endpoint, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                errors.Add($"{prefix}ENDPOINT must be the absolute http(s) URL of the embeddings call (e.g. https://api.jina.ai/v1/embeddings)");
            }
            if (string.IsNullOrWhiteSpace(Model)) errors.Add($"{prefix}MODEL must name the multimodal embedding model (e.g. jina-clip-v2)");
        }
        if (Provider == Onnx)
        {
            if (string.IsNullOrWhiteSpace(ModelPath)) errors.Add($"{prefix}MODELPATH must be the path of an ONNX image-encoder model file");
            else if (!File.Exists(ModelPath)) errors.Add($"{prefix}MODELPATH '{ModelPath}' does not exist");
            if (InputSize is < 16 or > 1024) errors.Add($"{prefix}INPUTSIZE must be 16..1024 (got {InputSize})");
            if (Std.Any(s => s <= 0)) errors.Add($"{prefix}STD values must be > 0");
        }
        if (double.IsNaN(Baseline) || Baseline is < 0 or >= 1) errors.Add($"{prefix}BASELINE must be a number 0..0.99");
        if (MaxAttempts is < 1 or > 10) errors.Add($"{prefix}MAXATTEMPTS must be 1..10 (got {MaxAttempts})");
        if (TimeoutSec is < 1 or > 600) errors.Add($"{prefix}TIMEOUTSEC must be 1..600 (got {TimeoutSec})");
        return errors;
    }

    private static string? Trimmed(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private int ParseInt(string text, string name)
    {
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        _parseErrors.Add($"AIVIDEO__DRIFT__EMBEDDING__{name.ToUpperInvariant()} must be a whole number (got '{text}')");
        return 0;
    }

    private IReadOnlyList<float> ParseTriple(string text, string name)
    {
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        var values = new List<float>();
        foreach (var part in parts)
        {
            if (float.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v)) values.Add(v);
        }
        if (values.Count == 3 && parts.Length == 3) return values;
        _parseErrors.Add($"AIVIDEO__DRIFT__EMBEDDING__{name.ToUpperInvariant()} must be three comma-separated numbers R,G,B (got '{text}')");
        return name == "Mean" ? ClipMean : ClipStd;
    }
}
