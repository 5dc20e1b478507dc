using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiVideo.Core.Domain;

/// <summary>
/// What a channel's voice is, as a stable SHA-256 (hex) of provider + voice id + model + settings (canonical JSON, keys
/// sorted, nulls left out) + rate (espeak only: the other providers ignore it), with a one-line description for people.
/// Recorded with the channel's first published video (the voice lock); a run whose fingerprint differs is refused
/// until the change is accepted.
/// </summary>
public sealed record VoiceFingerprint(string Hash, string Description)
{
    public static VoiceFingerprint Of(VoiceSettings voice)
    {
        ArgumentNullException.ThrowIfNull(voice);
        var provider = voice.Provider.Trim().ToLowerInvariant();
        var espeak = provider == "espeak";
        var canonical = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["id"] = voice.Id.Trim(),
            ["model"] = voice.Model?.Trim() is { Length: > 0 } model ? model : null,
            ["provider"] = provider,
            ["rate"] = espeak ? voice.Rate : null,
            ["settings"] = Settings(voice.Settings),
        };
        var json = Canonical(canonical);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));
        return new VoiceFingerprint(hash, Describe(provider, voice, espeak));
    }

    /// <summary>The first 12 hex digits, for listings.</summary>
    public string Short => Hash[..12];

    private static JsonNode? Settings(Providers.VoiceTuning? tuning)
    {
        if (tuning is null) return null;
        var settings = new SortedDictionary<string, JsonNode?>(StringComparer.Ordinal);
        void Add(string name, JsonNode? value)
        {
            if (value is not null) settings[name] = value;
        }
        Add("instructions", tuning.Instructions is { } i ? JsonValue.Create(i) : null);
        Add("similarityBoost", tuning.SimilarityBoost is { } b ? JsonValue.Create(b) : null);
        Add("speed", tuning.Speed is { } s ? JsonValue.Create(s) : null);
        Add("stability", tuning.Stability is { } st ? JsonValue.Create(st) : null);
        Add("style", tuning.Style is { } sy ? JsonValue.Create(sy) : null);
        return settings.Count == 0 ? null : JsonNode.Parse(Canonical(settings));
    }

    /// <summary>Sorted keys, nulls dropped, no whitespace: the same voice always gives the same bytes.</summary>
    private static string Canonical(SortedDictionary<string, JsonNode?> values)
    {
        var obj = new JsonObject();
        foreach (var (key, value) in values)
        {
            if (value is not null) obj[key] = value.DeepClone();
        }
        return obj.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
    }

    private static string Describe(string provider, VoiceSettings voice, bool espeak)
    {
        var parts = new List<string> { $"{provider} voice {voice.Id.Trim()}" };
        if (voice.Model is { Length: > 0 } model) parts.Add($"model {model.Trim()}");
        if (espeak) parts.Add(string.Create(CultureInfo.InvariantCulture, $"rate {voice.Rate} wpm"));
        if (voice.Settings is { } s)
        {
            static string N(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
            if (s.Stability is { } st) parts.Add($"stability {N(st)}");
            if (s.SimilarityBoost is { } sb) parts.Add($"similarity boost {N(sb)}");
            if (s.Style is { } sy) parts.Add($"style {N(sy)}");
            if (s.Speed is { } sp) parts.Add($"speed {N(sp)}");
            if (s.Instructions is { Length: > 0 } ins) parts.Add($"instructions \"{(ins.Length > 40 ? ins[..40] + "…" : ins)}\"");
        }
        return string.Join(", ", parts);
    }
}
