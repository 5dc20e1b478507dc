namespace AiVideo.Memory.VectorData;

/// <summary>
/// A store-neutral metadata filter, translated from a LINQ predicate by <see cref="FilterTranslator"/> and rendered by
/// each store (SQL for SQLite, Pinecone's filter JSON). Field names are storage names; values are storage values
/// (see <see cref="VectorRecordModel{TRecord}.ToStorage"/>).
/// </summary>
public abstract record FilterNode;

/// <summary><c>field op value</c>.</summary>
public sealed record ComparisonFilter(string Field, ComparisonOperator Operator, object? Value) : FilterNode;

/// <summary><c>field ∈ values</c> (from <c>values.Contains(r.Field)</c>).</summary>
public sealed record InFilter(string Field, IReadOnlyList<object?> Values) : FilterNode;

/// <summary><c>value ∈ field</c> for a string-list field (from <c>r.Tags.Contains(value)</c>).</summary>
public sealed record ListContainsFilter(string Field, object? Value) : FilterNode;

public sealed record AndFilter(FilterNode Left, FilterNode Right) : FilterNode;

public sealed record OrFilter(FilterNode Left, FilterNode Right) : FilterNode;

public enum ComparisonOperator
{
    Equal,
    NotEqual,
    GreaterThan,
    GreaterThanOrEqual,
    LessThan,
    LessThanOrEqual,
}
