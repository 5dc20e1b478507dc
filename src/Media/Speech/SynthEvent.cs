namespace AiVideo.Media.Speech;

/// <summary>A WORD event from the synthesiser: the word's byte range in the UTF-8 text (1-based) and when it is heard.</summary>
public readonly record struct SynthWordEvent(int TextPosition, int Length, int AudioPositionMs);
