using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiVideo.Core.Domain;
using AiVideo.Core.Json;
using AiVideo.Memory.Performance;

namespace AiVideo.Agents.Scripts;

/// <summary>
/// The offline script writer: no model, same brief + channel → same script. Hook from the title, one beat and
/// one shot per fact, the brief's CTA (or the channel's default), hashtags from the brief and the channel.
/// Shot durations are planned from the words at the channel's speaking rate; each shot's search query is the beat's
/// content words (<see cref="ShotQuery"/>). The hook style comes from the
/// channel's performance memory: a style it has not tried yet first (so every style gets measured), then the style
/// with the best mean score; with no memory, a stable pick from the channel and title.
/// </summary>
public sealed partial class DeterministicScriptWriter : IScriptWriter
{
    /// <summary>One hook template per style, in a fixed order (the order of untried-style exploration).</summary>
    public static IReadOnlyList<(string Style, string Template)> HookTemplates { get; } =
    [
        (HookStyles.Curiosity, "{0}? Here is what almost nobody tells you."),
        (HookStyles.Promise, "{0}. Stay to the end for the best part."),
        (HookStyles.Shock, "You won't believe this: {0}."),
        (HookStyles.FastFacts, "{0}. Here are the facts in under a minute."),
        (HookStyles.Question, "Did you know this about {0}?"),
        (HookStyles.Statement, "{0}. Let me explain."),
    ];

    public string Name => "deterministic";

    public Task<string> WriteAsync(ScriptRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var script = Write(request.Brief, request.Channel, request.Memory);
        return Task.FromResult(JsonSerializer.Serialize(script, AiVideoJson.Options));
    }

    public VideoScript Write(Brief brief, ChannelProfile channel, PerformanceContext? memory = null)
    {
        var title = brief.Title.TrimEnd('.', '!', '?');
        var style = ChooseHookStyle(brief, channel, memory ?? PerformanceContext.Empty);
        var template = HookTemplates.First(t => t.Style == style).Template;
        var hook = string.Format(CultureInfo.InvariantCulture, template, title);
        var wordsPerSecond = channel.Voice.Rate / 60.0;

        var beats = new List<ScriptBeat>();
        var shots = new List<ShotSpec>();
        for (var i = 0; i < brief.Facts.Count; i++)
        {
            var id = $"s{i + 1:00}";
            var fact = brief.Facts[i];
            var spoken = (i == 0 ? hook + " " : "") + fact + (i == brief.Facts.Count - 1 ? " " + Cta(brief, channel) : "");
            var seconds = Math.Clamp(Math.Round(WordCount(spoken) / wordsPerSecond, 1), 1.0, 30.0);
            beats.Add(new ScriptBeat(fact, id));
            var query = ShotQuery.FromText(fact);
            shots.Add(new ShotSpec(id, ShotPrompt(fact, channel), seconds, query.Length > 0 ? query : null));
        }

        return new VideoScript
        {
            Title = title.Length >= 3 ? title : brief.Title,
            Hook = hook,
            Beats = beats,
            Shots = shots,
            Cta = Cta(brief, channel),
            Hashtags = Hashtags(brief, channel),
        };
    }

    /// <summary>Untried style first, then the best mean score; without memory a stable pick from channel + title.</summary>
    public static string ChooseHookStyle(Brief brief, ChannelProfile channel, PerformanceContext memory)
    {
        if (memory.HookStyles.Count == 0)
        {
            return HookTemplates[StableHash(channel.Id + "\n" + brief.Title) % HookTemplates.Count].Style;
        }
        var untried = HookTemplates.FirstOrDefault(t => memory.HookStyles.All(s => s.Style != t.Style));
        if (untried.Style is not null) return untried.Style;
        return memory.HookStyles.Where(s => HookTemplates.Any(t => t.Style == s.Style))
            .OrderByDescending(s => s.MeanScore).ThenBy(s => s.Style, StringComparer.Ordinal).First().Style;
    }

    private static string Cta(Brief brief, ChannelProfile channel) =>
        brief.Cta ?? $"Follow {channel.Name} for more.";

    private static string ShotPrompt(string fact, ChannelProfile channel)
    {
        var prompt = $"{channel.Niche}: {fact}";
        return prompt.Length <= 300 ? prompt : prompt[..297] + "...";
    }

    private static IReadOnlyList<string> Hashtags(Brief brief, ChannelProfile channel)
    {
        var fromTitle = TitleWord().Matches(brief.Title)
            .Select(m => m.Value)
            .Where(w => w.Length >= 5)
            .Take(2)
            .Select(w => "#" + char.ToUpperInvariant(w[0]) + w[1..].ToLowerInvariant());
        return brief.Hashtags
            .Concat(channel.Hashtags.Select(h => h.StartsWith('#') ? h : "#" + h))
            .Concat(fromTitle)
            .Where(h => ValidHashtag().IsMatch(h))
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Take(8)
            .ToList();
    }

    private static int WordCount(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;

    private static int StableHash(string text) =>
        (int)(BitConverter.ToUInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0) & 0x7fffffff);

    [GeneratedRegex(@"[A-Za-z][A-Za-z0-9]+")]
    private static partial Regex TitleWord();

    [GeneratedRegex(@"^#[A-Za-z0-9_]{1,40}$")]
    private static partial Regex ValidHashtag();
}
