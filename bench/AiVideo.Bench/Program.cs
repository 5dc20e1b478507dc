using AiVideo.Bench;
using Microsoft.Extensions.Logging;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Error).AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace));
return await new BenchCli(Console.Out, Console.Error, loggerFactory).RunAsync(args, cancel.Token);
