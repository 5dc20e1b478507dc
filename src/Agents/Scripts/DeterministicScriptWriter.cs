using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using AiVideo.Core.Domain;
using AiVideo.Core.Json;

namespace AiVideo.Agents.Scripts;

/// <summary>
/// The offline script writer: no model, same brief + channel → same script. Hook from the title, one beat and
/// one shot per fact, the brief's CTA (or the channel's default), hashtags from the brief and the channel.
/// Shot durations are planned from the words at the channel's speaking rate.
/// </summary>
public sealed partial class DeterministicScriptWriter : IScriptWriter
{
    private static readonly string[] HookTemplates =
    [
        "{0}? Here is what almost nobody tells you.",
        "{0}. Stay to the end for the best part.",
        "You won't believe this: {0}.",
        "{0}. Here are the facts in under a minute.",
    ];

    public string Name => "deterministic";

    public Task<string> WriteAsync(ScriptRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var script = Write(request.Brief, request.Channel);
        return Task.FromResult(JsonSerializer.Serialize(script, AiVideoJson.Options));
    }

    public VideoScript Write(Brief brief, ChannelProfile channel)
    {
        var pick = StableHash(channel.Id + "\n" + brief.Title);
        var title = brief.Title.TrimEnd('.', '!', '?');
        var hook = string.Format(CultureInfo.InvariantCulture, HookTemplates[pick % HookTemplates.Length], title);
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
            shots.Add(new ShotSpec(id, ShotPrompt(fact, channel), seconds));
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
