using AiVideo.Core.Domain;

namespace AiVideo.Host.Pipeline;

/// <summary>Live progress of a run, for the terminal (or nothing, in tests).</summary>
public interface IRunProgress
{
    void StepStarted(string step, int attempt);

    void Percent(string step, string item, double fraction);

    void Gate(GateResult gate);

    void Info(string message);
}
