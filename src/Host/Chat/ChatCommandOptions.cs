using System.CommandLine;
using AiVideo.Core.CommandLine;
using AiVideo.Host.Cli;
using AiVideo.Host.Runs;

namespace AiVideo.Host.Chat;

/// <summary>The arguments of <c>aivideo chat</c>: an optional one-shot message, the default channel, and make's run options.</summary>
public sealed record ChatCommandOptions(string? Message, string? ChannelPath, MakeOptions Make)
{
    /// <summary>The <c>chat</c> command: <c>--message</c>/<c>-m</c>, <c>--channel</c> (must exist) and make's run options.</summary>
    public static Command Command(MakeOptionSet make, Func<ChatCommandOptions, CancellationToken, Task<int>> run)
    {
        var message = CliOptions.Value<string?>("--message", "TEXT", "run one turn and exit (0 answered, 1 failed, 2 bad input or no model)",
            (text, result) => string.IsNullOrWhiteSpace(text) ? CliOptions.Fail<string?>(result, "--message needs text") : text, "-m");
        var channel = CliOptions.Value<string?>("--channel", "FILE", "the channel /make uses (and the orchestrator may name)",
            (text, result) => File.Exists(text) ? text : CliOptions.Fail<string?>(result, $"channel file '{text}' does not exist"));
        var command = MakeOptionSet.AddTo(new Command("chat",
            "talk to the orchestrator agent (needs a model; /help, /runs, /make BRIEF.md, /exit work without one); Ctrl+C cancels the answer being written"),
            [message, channel, .. make.Run]);
        command.SetAction((result, ct) =>
        {
            var channelPath = result.GetValue(channel);
            return run(new ChatCommandOptions(result.GetValue(message), channelPath, make.Bind(result, channelPath ?? "", "")), ct);
        });
        return command;
    }
}
