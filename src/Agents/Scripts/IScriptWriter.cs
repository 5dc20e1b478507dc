using AiVideo.Core.Domain;

namespace AiVideo.Agents.Scripts;

/// <summary>Turns a brief and a channel into script JSON. The result is always checked by the script gate.</summary>
public interface IScriptWriter
{
    string Name { get; }

    /// <summary>Returns the script as JSON text (what a model would return), to be validated, never trusted.</summary>
    Task<string> WriteAsync(Brief brief, ChannelProfile channel, CancellationToken cancellationToken);
}
