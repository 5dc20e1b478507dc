namespace AiVideo.Agents.Providers;

/// <summary>A model provider call failed. The message names provider, model and status, and never contains the key.</summary>
public sealed class ModelProviderException(string message, Exception? inner = null) : Exception(message, inner);
