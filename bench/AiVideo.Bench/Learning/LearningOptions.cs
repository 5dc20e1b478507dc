using System.Globalization;
using AiVideo.Core;

namespace AiVideo.Bench.Learning;

/// <summary>The arguments of <c>bench learning</c>.</summary>
public sealed record LearningOptions
{
    public int Cycles { get; init; } = 30;
    public int Seeds { get; init; } = 10;

    /// <summary>How many final cycles are compared (the "last 10").</summary>
    public int Window { get; init; } = 10;

    /// <summary>First seed; seeds are FirstSeed, FirstSeed+1, ….</summary>
    public int FirstSeed { get; init; } = 1;

    /// <summary>Exit 1 unless lift ≥ 20 % with p &lt; 0.05.</summary>
    public bool RequireTarget { get; init; }

    public string? OutDirectory { get; init; }
    public string McpConfigPath { get; init; } = AiVideo.Host.Runs.MakeOptions.DefaultMcpConfig;

    public static LearningOptions Parse(IReadOnlyList<string> args)
    {
        var o = new LearningOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count ? args[++i] : throw new InvalidInputException($"{name} needs a value");
            o = name switch
            {
                "--cycles" => o with { Cycles = Int(name, Value(), 2, 10_000) },
                "--seeds" => o with { Seeds = Int(name, Value(), 1, 1000) },
                "--window" => o with { Window = Int(name, Value(), 1, 10_000) },
                "--first-seed" => o with { FirstSeed = Int(name, Value(), 0, int.MaxValue - 1000) },
                "--require-target" => o with { RequireTarget = true },
                "--out" => o with { OutDirectory = Value() },
                "--mcp-config" => o with { McpConfigPath = Value() },
                _ => throw new InvalidInputException($"unknown option '{name}' for bench learning"),
            };
        }
        return o.Window <= o.Cycles ? o : throw new InvalidInputException($"--window {o.Window} cannot exceed --cycles {o.Cycles}");
    }

    private static int Int(string name, string text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var v) && v >= min && v <= max
            ? v
            : throw new InvalidInputException($"{name} must be a whole number {min}..{max}, got '{text}'");
}
