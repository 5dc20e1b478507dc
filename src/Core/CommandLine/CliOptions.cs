using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace AiVideo.Core.CommandLine;

/// <summary>
/// Option factories shared by the <c>aivideo</c> commands and the MCP servers, so every flag is declared, validated
/// and worded the same way. A value option takes the next token (given twice, the last one wins) and refuses another
/// option's name as its value ("--channel needs a value"); a bad value reads "--fps must be a whole number 1..60, got
/// '0'"; a flag takes no value. Defaults stay with the options records the commands bind into, so a value option is
/// null when not given.
/// </summary>
public static class CliOptions
{
    /// <summary>A free-text value, e.g. <c>--out DIR</c>.</summary>
    public static Option<string?> Text(string name, string helpName, string description, params string[] aliases) =>
        Value<string?>(name, helpName, description, (text, _) => text, aliases);

    /// <summary>A whole number in <paramref name="min"/>..<paramref name="max"/>.</summary>
    public static Option<int?> WholeNumber(string name, string helpName, string description, int min, int max) =>
        Value<int?>(name, helpName, description, (text, result) =>
            int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
                ? v
                : Fail<int?>(result, $"{name} must be a whole number {min}..{max}, got '{text}'"));

    /// <summary>One of <paramref name="values"/>; the values are also offered as completions.</summary>
    public static Option<string?> OneOf(string name, string description, IReadOnlyList<string> values, string? hint = null)
    {
        var option = Value<string?>(name, string.Join('|', values), description, (text, result) =>
            values.Contains(text, StringComparer.Ordinal)
                ? text
                : Fail<string?>(result, $"{name} must be {OneOfText(values)}, got '{text}'{(hint is null ? "" : $" ({hint})")}"));
        option.CompletionSources.Add(values.ToArray());
        return option;
    }

    /// <summary>A value converted by <paramref name="parse"/>; it reports a bad value with <see cref="Fail{T}"/>.</summary>
    public static Option<T> Value<T>(string name, string helpName, string description, Func<string, ArgumentResult, T> parse, params string[] aliases)
    {
        // OneOrMore without several values per token: "--out a --out b" keeps b, as the hand-written parsers did;
        // "--out a b" leaves b unmatched (an error).
        var option = new Option<T>(name, aliases)
        {
            HelpName = helpName,
            Description = description,
            Arity = ArgumentArity.OneOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        option.CustomParser = result =>
        {
            if (result.Tokens.Count == 0) return default!;
            var text = result.Tokens[^1].Value;
            return IsOptionName(result, text) ? Fail<T>(result, $"{name} needs a value") : parse(text, result);
        };
        return option;
    }

    /// <summary>
    /// A command's argument, e.g. <c>ID</c> in <c>runs show ID</c>. A token that looks like an option is refused
    /// ("runs show --colour" is an unknown option, not a run called "--colour"); <see cref="CliErrors"/> words it.
    /// </summary>
    public static Argument<T> Argument<T>(string name, string description, ArgumentArity? arity = null)
    {
        var argument = new Argument<T>(name) { Description = description };
        if (arity is { } a) argument.Arity = a;
        argument.Validators.Add(result =>
        {
            if (result.Tokens.FirstOrDefault(t => LooksLikeOption(t.Value)) is { } token) result.AddError($"unknown option '{token.Value}'");
        });
        return argument;
    }

    /// <summary>"--x" or "-x": an option's name, known or not.</summary>
    public static bool LooksLikeOption(string token) => token.Length > 1 && token[0] == '-';

    /// <summary>An on/off flag: present or not, no value.</summary>
    public static Option<bool> Flag(string name, string description) =>
        new(name) { Description = description, Arity = ArgumentArity.Zero };

    /// <summary>Records <paramref name="message"/> as the parse error of this value.</summary>
    public static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    /// <summary>"a", "a or b", "a, b or c".</summary>
    public static string OneOfText(IReadOnlyList<string> values) =>
        values.Count <= 1 ? string.Join("", values) : $"{string.Join(", ", values.Take(values.Count - 1))} or {values[^1]}";

    /// <summary>"--channel --brief b.md": the token after --channel is another option of this command, not its value.</summary>
    private static bool IsOptionName(SymbolResult result, string text)
    {
        if (!text.StartsWith('-')) return false;
        for (var parent = result.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is CommandResult command && command.Command.Options.Any(o => o.Name == text || o.Aliases.Contains(text)))
            {
                return true;
            }
        }
        return false;
    }
}
