namespace AiVideo.Agents.Review;

/// <summary>The QA agent's structured verdict: pass, revise (with reasons), or reject (with a reason).</summary>
public sealed record QaVerdict(QaVerdictKind Kind, IReadOnlyList<string> Reasons)
{
    public static QaVerdict Pass(params string[] notes) => new(QaVerdictKind.Pass, notes);

    public string Label => Kind switch
    {
        QaVerdictKind.Pass => "pass",
        QaVerdictKind.Revise => "revise",
        _ => "reject",
    };
}

public enum QaVerdictKind
{
    Pass,
    Revise,
    Reject,
}
