using System.Numerics.Tensors;

namespace AiVideo.Memory.Sqlite;

/// <summary>
/// Every vector of one collection at one version, unit-normalised in one contiguous array, so an exact cosine top-k is
/// a dot product per row (SIMD via <see cref="TensorPrimitives"/>) and a bounded heap. Immutable once built.
/// </summary>
internal sealed class VectorSnapshot
{
    private readonly float[] _vectors;
    private readonly Dictionary<long, int> _rowIndex;

    public VectorSnapshot(long version, int dimensions, IReadOnlyList<(long RowId, ReadOnlyMemory<float> Vector)> rows)
    {
        Version = version;
        Dimensions = dimensions;
        RowIds = new long[rows.Count];
        _vectors = new float[rows.Count * dimensions];
        _rowIndex = new Dictionary<long, int>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            RowIds[i] = rows[i].RowId;
            _rowIndex[rows[i].RowId] = i;
            var target = _vectors.AsSpan(i * dimensions, dimensions);
            rows[i].Vector.Span.CopyTo(target);
            Normalize(target);
        }
    }

    public long Version { get; }
    public int Dimensions { get; }
    public long[] RowIds { get; }
    public int Count => RowIds.Length;

    /// <summary>The <paramref name="top"/> rows most similar to <paramref name="query"/>, best first; only <paramref name="allowed"/> rows when given.</summary>
    public IReadOnlyList<(long RowId, double Score)> TopK(ReadOnlySpan<float> query, int top, IReadOnlyCollection<long>? allowed, double? minScore)
    {
        var q = query.ToArray();
        Normalize(q);
        var heap = new PriorityQueue<long, float>(top + 1);
        void Consider(int index)
        {
            var score = TensorPrimitives.Dot(q, _vectors.AsSpan(index * Dimensions, Dimensions));
            if (minScore is { } min && score < min) return;
            if (heap.Count < top)
            {
                heap.Enqueue(RowIds[index], score);
            }
            else if (heap.TryPeek(out _, out var worst) && score > worst)
            {
                heap.DequeueEnqueue(RowIds[index], score);
            }
        }
        if (top <= 0) return [];
        if (allowed is null)
        {
            for (var i = 0; i < RowIds.Length; i++) Consider(i);
        }
        else
        {
            foreach (var rowId in allowed)
            {
                if (_rowIndex.TryGetValue(rowId, out var index)) Consider(index);
            }
        }
        var result = new List<(long, double)>(heap.Count);
        while (heap.TryDequeue(out var rowId, out var score)) result.Add((rowId, score));
        result.Reverse();
        return result;
    }

    private static void Normalize(Span<float> vector)
    {
        var norm = TensorPrimitives.Norm(vector);
        if (norm > 0) TensorPrimitives.Divide(vector, norm, vector);
    }
}
