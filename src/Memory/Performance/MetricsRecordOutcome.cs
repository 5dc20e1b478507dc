namespace AiVideo.Memory.Performance;

/// <summary>What recording one observation did.</summary>
public enum MetricsRecordOutcome
{
    /// <summary>Stored.</summary>
    Recorded,

    /// <summary>The same numbers were already stored for that video and moment; nothing changed.</summary>
    Duplicate,
}
