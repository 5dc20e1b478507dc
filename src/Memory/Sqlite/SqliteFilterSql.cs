using System.Text;
using AiVideo.Memory.VectorData;
using Microsoft.Data.Sqlite;

namespace AiVideo.Memory.Sqlite;

/// <summary>
/// Renders a <see cref="FilterNode"/> as a SQL condition over a vector table: indexed data properties are real columns
/// (<c>d_&lt;name&gt;</c>, with an index), the rest are read from the record's JSON with <c>json_extract</c>; string
/// lists match through <c>json_each</c>. Values always go in as parameters.
/// </summary>
internal sealed class SqliteFilterSql(IReadOnlyList<DataProperty> properties)
{
    public string Render(FilterNode node, SqliteCommand command)
    {
        var sql = new StringBuilder();
        Append(node, sql, command);
        return sql.ToString();
    }

    public string Column(string storageName)
    {
        var property = properties.FirstOrDefault(p => p.StorageName == storageName)
            ?? throw new NotSupportedException($"filter: unknown field '{storageName}'");
        return property.IsIndexed && property.Kind != StorageKind.TextList
            ? SqliteVectorSchema.ColumnName(property.StorageName)
            : $"json_extract(data, '$.\"{property.StorageName.Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)}\"')";
    }

    private void Append(FilterNode node, StringBuilder sql, SqliteCommand command)
    {
        switch (node)
        {
            case AndFilter and:
                sql.Append('(');
                Append(and.Left, sql, command);
                sql.Append(" AND ");
                Append(and.Right, sql, command);
                sql.Append(')');
                break;
            case OrFilter or:
                sql.Append('(');
                Append(or.Left, sql, command);
                sql.Append(" OR ");
                Append(or.Right, sql, command);
                sql.Append(')');
                break;
            case ComparisonFilter { Value: null } c:
                sql.Append(Column(c.Field)).Append(c.Operator switch
                {
                    ComparisonOperator.Equal => " IS NULL",
                    ComparisonOperator.NotEqual => " IS NOT NULL",
                    _ => throw new NotSupportedException($"filter: '{c.Field}' cannot be compared with null by {c.Operator}"),
                });
                break;
            case ComparisonFilter c:
                sql.Append(Column(c.Field)).Append(c.Operator switch
                {
                    ComparisonOperator.Equal => " = ",
                    ComparisonOperator.NotEqual => " <> ",
                    ComparisonOperator.GreaterThan => " > ",
                    ComparisonOperator.GreaterThanOrEqual => " >= ",
                    ComparisonOperator.LessThan => " < ",
                    ComparisonOperator.LessThanOrEqual => " <= ",
                    _ => throw new NotSupportedException($"filter operator {c.Operator}"),
                }).Append(Parameter(c.Value, command));
                break;
            case InFilter { Values.Count: 0 }:
                sql.Append("0");
                break;
            case InFilter i:
                sql.Append(Column(i.Field)).Append(" IN (").Append(string.Join(", ", i.Values.Select(v => Parameter(v, command)))).Append(')');
                break;
            case ListContainsFilter l:
                sql.Append($"EXISTS (SELECT 1 FROM json_each(data, '$.\"{l.Field.Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal)}\"') WHERE value = ")
                    .Append(Parameter(l.Value, command)).Append(')');
                break;
            default:
                throw new NotSupportedException($"filter node {node.GetType().Name}");
        }
    }

    private static string Parameter(object? value, SqliteCommand command)
    {
        var name = "$f" + command.Parameters.Count;
        command.Parameters.AddWithValue(name, value switch
        {
            null => DBNull.Value,
            bool b => b ? 1L : 0L,
            _ => value,
        });
        return name;
    }
}
