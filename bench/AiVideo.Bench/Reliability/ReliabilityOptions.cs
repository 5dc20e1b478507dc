using System.Globalization;
using AiVideo.Core;
using AiVideo.Core.Domain;

namespace AiVideo.Bench.Reliability;

/// <summary>The arguments of <c>bench reliability</c>.</summary>
public sealed record ReliabilityOptions
{
    public int Runs { get; init; } = 1000;
    public double FaultRate { get; init; } = 0.03;
    public int Seed { get; init; } = 7;

    /// <summary>Only these chaos fault kinds (e.g. "drifted_shot"); null: all.</summary>
    public string? Only { get; init; }
    public bool Gates { get; init; } = true;
    public int Concurrency { get; init; } = 2;
    public VideoSize Size { get; init; } = new(72, 128);
    public int Fps { get; init; } = 10;

    /// <summary>The share of runs that must end published (partially published runs do not count).</summary>
    public double MinPublished { get; init; } = 0.999;
    public string? OutDirectory { get; init; }
    public string McpConfigPath { get; init; } = AiVideo.Host.Runs.MakeOptions.DefaultMcpConfig;

    public static ReliabilityOptions Parse(IReadOnlyList<string> args)
    {
        var o = new ReliabilityOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new InvalidInputException($"{name} needs a value");
            o = name switch
            {
                "--runs" => o with { Runs = Int(name, Value(), 1, 100_000) },
                "--fault-rate" => o with { FaultRate = Share(name, Value()) },
                "--seed" => o with { Seed = Int(name, Value(), 0, int.MaxValue) },
                "--only" => o with { Only = Value() },
                "--no-gates" => o with { Gates = false },
                "--concurrency" => o with { Concurrency = Int(name, Value(), 1, 8) },
                "--size" => o with { Size = ParseSize(Value()) },
                "--fps" => o with { Fps = Int(name, Value(), 1, 60) },
                "--min-published" => o with { MinPublished = Share(name, Value()) },
                "--out" => o with { OutDirectory = Value() },
                "--mcp-config" => o with { McpConfigPath = Value() },
                _ => throw new InvalidInputException($"unknown option '{name}' for bench reliability"),
            };
        }
        if (o.Only is not null) AiVideo.Core.Chaos.ChaosSpec.Parse($"rate={o.FaultRate.ToString(CultureInfo.InvariantCulture)},only={o.Only}");
        return o;
    }

    private static double Share(string name, string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is >= 0 and <= 1 ? r : throw new InvalidInputException($"{name} must be 0..1, got '{text}'");

    private static VideoSize ParseSize(string text)
    {
        try
        {
            return VideoSize.Parse(text);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidInputException(ex.Message);
        }
    }

    private static int Int(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new InvalidInputException($"{name} must be a whole number {min}..{max}, got '{text}'");
}
