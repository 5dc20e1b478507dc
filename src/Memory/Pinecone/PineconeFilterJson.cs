using System.Text.Json.Nodes;
using AiVideo.Memory.VectorData;

namespace AiVideo.Memory.Pinecone;

/// <summary>
/// Renders a <see cref="FilterNode"/> as a Pinecone metadata filter: comparisons as <c>{"field":{"$eq":v}}</c>
/// (<c>$ne</c>, <c>$gt</c>, <c>$gte</c>, <c>$lt</c>, <c>$lte</c>), value lists as <c>$in</c>, list membership as
/// <c>{"field":{"$in":[v]}}</c> (a list field matches when any element does), and <c>$and</c> / <c>$or</c> arrays with
/// nested ones flattened. What Pinecone cannot filter on (null, ranges over strings or booleans) is a
/// <see cref="NotSupportedException"/> here rather than a 400 later.
/// </summary>
public static class PineconeFilterJson
{
    public static JsonObject Render(FilterNode filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        return filter switch
        {
            AndFilter => new JsonObject { ["$and"] = Parts(AndParts(filter)) },
            OrFilter => new JsonObject { ["$or"] = Parts(OrParts(filter)) },
            ComparisonFilter comparison => Field(comparison.Field, Operator(comparison.Operator), Comparable(comparison)),
            InFilter @in => Field(@in.Field, "$in", new JsonArray(@in.Values.Select(v => Scalar(@in.Field, v, allowBoolean: false)).ToArray())),
            ListContainsFilter contains => Field(contains.Field, "$in", new JsonArray(Scalar(contains.Field, contains.Value, allowBoolean: false))),
            _ => throw new NotSupportedException($"Pinecone filters cannot express {filter.GetType().Name}"),
        };
    }

    private static JsonArray Parts(IEnumerable<FilterNode> parts) => new(parts.Select(p => (JsonNode?)Render(p)).ToArray());

    private static IEnumerable<FilterNode> AndParts(FilterNode node) =>
        node is AndFilter both ? AndParts(both.Left).Concat(AndParts(both.Right)) : [node];

    private static IEnumerable<FilterNode> OrParts(FilterNode node) =>
        node is OrFilter either ? OrParts(either.Left).Concat(OrParts(either.Right)) : [node];

    private static JsonObject Field(string field, string op, JsonNode? value) =>
        new() { [field] = new JsonObject { [op] = value } };

    private static JsonNode Comparable(ComparisonFilter comparison)
    {
        var ranged = comparison.Operator is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual);
        if (ranged && comparison.Value is not (long or double or int or float or decimal))
        {
            throw new NotSupportedException($"filter on '{comparison.Field}': Pinecone compares only numbers with {Operator(comparison.Operator)}, not {comparison.Value?.GetType().Name ?? "null"}");
        }
        return Scalar(comparison.Field, comparison.Value, allowBoolean: true);
    }

    private static JsonNode Scalar(string field, object? value, bool allowBoolean) => value switch
    {
        string s => JsonValue.Create(s),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        double d when double.IsFinite(d) => JsonValue.Create(d),
        float f when float.IsFinite(f) => JsonValue.Create(f),
        decimal m => JsonValue.Create(m),
        bool b when allowBoolean => JsonValue.Create(b),
        null => throw new NotSupportedException($"filter on '{field}': Pinecone cannot filter on null (records without a value simply have no '{field}' key)"),
        _ => throw new NotSupportedException($"filter on '{field}': Pinecone cannot filter on a {value.GetType().Name} value here"),
    };

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "$eq",
        ComparisonOperator.NotEqual => "$ne",
        ComparisonOperator.GreaterThan => "$gt",
        ComparisonOperator.GreaterThanOrEqual => "$gte",
        ComparisonOperator.LessThan => "$lt",
        ComparisonOperator.LessThanOrEqual => "$lte",
        _ => throw new NotSupportedException($"Pinecone filters have no operator for {op}"),
    };
}
