using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;

namespace AiVideo.Core.CommandLine;

/// <summary>
/// Parses with System.CommandLine and words its errors one way for every command: one line, no help dump, e.g.
/// "unknown option '--colour' for make (see 'aivideo make --help')", "runs show needs ID (see …)", "make needs --channel FILE (see …)",
/// "--channel needs a value", "runs needs a command: list, show or resume (see …)". Value errors are the options'
/// own (see <see cref="CliOptions"/>), and so are the commands' validators ("resume needs --all …").
/// </summary>
public static class CliErrors
{
    /// <summary>Parses <paramref name="args"/>; "@file" is a plain value here, not a response file.</summary>
    public static ParseResult Parse(Command root, IReadOnlyList<string> args) =>
        root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    /// <summary>The one-line error of <paramref name="result"/>, or null when it parsed (or asks for help or completions).</summary>
    public static string? OneLine(ParseResult result, string program)
    {
        if (result.Action is not ParseErrorAction || result.Errors.Count == 0) return null;
        var command = result.CommandResult.Command;
        var path = CommandPath(result.CommandResult);
        var name = path.Length == 0 ? program : path;
        var see = path.Length == 0 ? $"see '{program} --help'" : $"see '{program} {path} --help'";
        // "--channel --brief b.md": the missing value is the mistake, not the stray "b.md" after it.
        if (result.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult { Tokens: [.., var last] } && CliOptions.LooksLikeOption(last.Value)) is { } noValue)
        {
            return noValue.Message;
        }
        // An unknown option may have been taken as a command's argument ("runs show --colour"): name it as an option.
        var unknown = command.Arguments.SelectMany(a => result.GetResult(a)?.Tokens ?? []).Select(t => t.Value)
            .Concat(result.UnmatchedTokens).FirstOrDefault(CliOptions.LooksLikeOption);
        if (unknown is not null) return $"unknown option '{unknown}' for {name} ({see})";
        if (result.UnmatchedTokens.Count > 0)
        {
            var token = result.UnmatchedTokens[0];
            if (command.Subcommands.Count > 0) return $"unknown command '{(path + " " + token).Trim()}' ({see})";
            return $"unexpected argument '{token}' for {name} ({see})";
        }
        // System.CommandLine's own "is required" wording becomes ours; the option's help still says (REQUIRED).
        if (command.Options.FirstOrDefault(o => o.Required && result.GetResult(o) is not { IdentifierTokenCount: > 0 }) is { } missing)
        {
            return $"{name} needs {missing.Name} {missing.HelpName} ({see})";
        }
        var error = result.Errors[0];
        return error.SymbolResult switch
        {
            OptionResult { Tokens.Count: 0, IdentifierTokenCount: > 0 } o when o.Option.Arity.MinimumNumberOfValues > 0 => $"{o.Option.Name} needs a value",
            ArgumentResult { Tokens.Count: 0 } a => $"{name} needs {a.Argument.HelpName ?? a.Argument.Name} ({see})",
            CommandResult c when c.Command.Subcommands.Count > 0 && c.Command.Action is null =>
                $"{name} needs a command: {CliOptions.OneOfText(c.Command.Subcommands.Where(s => !s.Hidden).Select(s => s.Name).ToList())} ({see})",
            _ => error.Message,
        };
    }

    /// <summary>"runs show" for <c>aivideo runs show ID</c>; "" for the root command.</summary>
    public static string CommandPath(CommandResult result)
    {
        var names = new List<string>();
        for (var r = result; r is not null && r.Command is not RootCommand; r = r.Parent as CommandResult)
        {
            names.Insert(0, r.Command.Name);
        }
        return string.Join(' ', names);
    }
}
