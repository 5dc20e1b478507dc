using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Runs.Store;

/// <summary>Step results of one run, in the run store.</summary>
public sealed class StoreStepResults(RunStore store, string runId, IRunProgress progress) : IStepResults
{
    public T? Get<T>(string key) where T : class => store.GetArtifact<T>(runId, key);

    public void Put<T>(string key, T value, decimal costUsd) => store.PutArtifact(runId, key, value, costUsd);

    public void Reused(string key) => progress.Info($"reused the recorded result of {key} (no new call)");
}
