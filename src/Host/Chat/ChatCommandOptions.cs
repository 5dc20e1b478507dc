using AiVideo.Core;
using AiVideo.Host.Runs;

namespace AiVideo.Host.Chat;

/// <summary>The arguments of <c>aivideo chat</c>: an optional one-shot message, the default channel, and make's run options.</summary>
public sealed record ChatCommandOptions(string? Message, string? ChannelPath, MakeOptions Make)
{
    public static ChatCommandOptions Parse(IReadOnlyList<string> args)
    {
        string? message = null, channel = null;
        var makeArgs = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new InvalidInputException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--message" or "-m": message = Value(); break;
                case "--channel": channel = Value(); break;
                case "--out" or "--workspace" or "--mcp-config" or "--size" or "--fps" or "--render-concurrency" or "--trends" or "--deadline":
                    makeArgs.Add(args[i]);
                    makeArgs.Add(Value());
                    break;
                default: throw new InvalidInputException($"unknown option '{args[i]}' for chat (see 'aivideo help')");
            }
        }
        if (message is not null && string.IsNullOrWhiteSpace(message)) throw new InvalidInputException("--message needs text");
        if (channel is not null && !File.Exists(channel)) throw new InvalidInputException($"channel file '{channel}' does not exist");
        // Make's own parser validates the shared options; chat supplies placeholders for its required files.
        var make = MakeOptions.Parse([.. makeArgs, "--channel", channel ?? "", "--brief", ""]);
        return new ChatCommandOptions(message, channel, make);
    }
}
