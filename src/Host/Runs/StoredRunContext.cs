using AiVideo.Host.Pipeline;

namespace AiVideo.Host.Runs;

/// <summary>What the run store keeps to rebuild a run in a new process: its context and the options it was made with.</summary>
public sealed record StoredRunContext(RunContext Run, MakeOptions Options);
