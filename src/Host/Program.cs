using AiVideo.Host.Cli;
using Microsoft.Extensions.Logging;

using var loggerFactory = LoggerFactory.Create(b => b
    .AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace)
    .SetMinimumLevel(Enum.TryParse<LogLevel>(Environment.GetEnvironmentVariable("AIVIDEO_LOG_LEVEL"), true, out var level) ? level : LogLevel.Warning));
using var cancellation = new CancellationTokenSource();
var interrupts = new InterruptSignal();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    // Chat cancels only its current turn; every other command stops.
    if (!interrupts.Raise()) cancellation.Cancel();
};
return await new CliApp(Console.Out, Console.Error, loggerFactory, stdin: Console.In, interrupts: interrupts).RunAsync(args, cancellation.Token);
