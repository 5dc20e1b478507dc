namespace AiVideo.Core;

/// <summary>Input from a user or caller is wrong. The message is one line, fit to print as is.</summary>
public sealed class InvalidInputException(string message) : Exception(message);
