namespace AiVideo.Core.Workspace;

/// <summary>A path given by a caller is not a safe workspace-relative path. The message is fit to show the caller.</summary>
public sealed class WorkspacePathException(string message) : Exception(message);
