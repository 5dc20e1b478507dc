namespace AiVideo.Memory.Performance;

/// <summary>Row <see cref="Index"/> of a batch could not be recorded, so none of the batch was.</summary>
public sealed class MetricsBatchException(int index, Exception inner) : Exception(inner.Message, inner)
{
    public int Index { get; } = index;
}
