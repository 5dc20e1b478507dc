namespace AiVideo.Core.Domain;

/// <summary>The verdict of one validation gate at one handoff. Every handoff yields at least one.</summary>
public sealed record GateResult(string Name, bool Passed, double? Value, double? Threshold, string Reason)
{
    public static GateResult Pass(string name, string reason, double? value = null, double? threshold = null) =>
        new(name, true, value, threshold, reason);

    public static GateResult Fail(string name, string reason, double? value = null, double? threshold = null) =>
        new(name, false, value, threshold, reason);
}
