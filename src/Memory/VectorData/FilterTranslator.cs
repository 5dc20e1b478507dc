using System.Linq.Expressions;
using System.Reflection;

namespace AiVideo.Memory.VectorData;

/// <summary>
/// Translates a VectorData filter predicate into a <see cref="FilterNode"/>. Supported: <c>==</c>, <c>!=</c>,
/// <c>&lt;</c>, <c>&lt;=</c>, <c>&gt;</c>, <c>&gt;=</c> between a data property and a value, <c>&amp;&amp;</c>, <c>||</c>,
/// a bool property (or its negation), <c>values.Contains(r.Property)</c> and <c>r.ListProperty.Contains(value)</c>.
/// Anything else is a <see cref="NotSupportedException"/> that names the unsupported part, never a silent full scan.
/// </summary>
public static class FilterTranslator
{
    public static FilterNode? Translate<TRecord>(Expression<Func<TRecord, bool>>? filter, VectorRecordModel<TRecord> model)
        where TRecord : class =>
        filter is null ? null : new Visitor<TRecord>(filter.Parameters[0], model).Visit(filter.Body);

    private sealed class Visitor<TRecord>(ParameterExpression record, VectorRecordModel<TRecord> model)
        where TRecord : class
    {
        public FilterNode Visit(Expression expression) => expression switch
        {
            BinaryExpression { NodeType: ExpressionType.AndAlso } b => new AndFilter(Visit(b.Left), Visit(b.Right)),
            BinaryExpression { NodeType: ExpressionType.OrElse } b => new OrFilter(Visit(b.Left), Visit(b.Right)),
            BinaryExpression b when Operator(b.NodeType) is { } op => Comparison(b, op),
            UnaryExpression { NodeType: ExpressionType.Not, Operand: var operand } when Field(operand) is { } field =>
                new ComparisonFilter(field.StorageName, ComparisonOperator.Equal, false),
            MethodCallExpression call when call.Method.Name == "Contains" => Contains(call),
            _ when expression.Type == typeof(bool) && Field(expression) is { } field =>
                new ComparisonFilter(field.StorageName, ComparisonOperator.Equal, true),
            _ => throw Unsupported(expression),
        };

        private FilterNode Comparison(BinaryExpression b, ComparisonOperator op)
        {
            if (Field(b.Left) is { } left && !UsesRecord(b.Right))
            {
                return new ComparisonFilter(left.StorageName, op, Value(b.Right));
            }
            if (Field(b.Right) is { } right && !UsesRecord(b.Left))
            {
                return new ComparisonFilter(right.StorageName, Flip(op), Value(b.Left));
            }
            throw Unsupported(b);
        }

        private FilterNode Contains(MethodCallExpression call)
        {
            var (source, item) = call.Object is not null
                ? (call.Object, call.Arguments[0])
                : call.Arguments.Count == 2 ? (call.Arguments[0], call.Arguments[1]) : throw Unsupported(call);
            source = UnwrapSpan(source);
            if (Field(source) is { Kind: StorageKind.TextList } list && !UsesRecord(item))
            {
                return new ListContainsFilter(list.StorageName, Value(item));
            }
            if (Field(item) is { } field && !UsesRecord(source))
            {
                var values = Evaluate(source) as System.Collections.IEnumerable
                    ?? throw new NotSupportedException($"filter: {source} is not a list of values");
                return new InFilter(field.StorageName, values.Cast<object?>().Select(VectorRecordModel<TRecord>.ToStorage).ToList());
            }
            throw Unsupported(call);
        }

        private DataProperty? Field(Expression expression)
        {
            expression = StripConvert(expression);
            if (expression is MemberExpression { Member: PropertyInfo property, Expression: var owner } && owner == record)
            {
                return model.FindData(property.Name)
                    ?? throw new NotSupportedException($"filter: {typeof(TRecord).Name}.{property.Name} is not a [VectorStoreData] property and cannot be filtered on");
            }
            return null;
        }

        private bool UsesRecord(Expression expression)
        {
            var finder = new RecordFinder(record);
            finder.Visit(expression);
            return finder.Found;
        }

        private static object? Value(Expression expression) => VectorRecordModel<TRecord>.ToStorage(Evaluate(expression));

        private static object? Evaluate(Expression expression) =>
            expression is ConstantExpression constant
                ? constant.Value
                : Expression.Lambda<Func<object?>>(Expression.Convert(expression, typeof(object))).Compile(preferInterpretation: true)();

        /// <summary>C# 14 binds <c>array.Contains(x)</c> to MemoryExtensions over an implicit span: read the array itself.</summary>
        private static Expression UnwrapSpan(Expression expression) => expression switch
        {
            MethodCallExpression { Method.Name: "op_Implicit", Arguments: [var inner] } => inner,
            UnaryExpression { NodeType: ExpressionType.Convert, Operand: var inner } when expression.Type.Name.StartsWith("ReadOnlySpan", StringComparison.Ordinal) || expression.Type.Name.StartsWith("Span", StringComparison.Ordinal) => inner,
            _ => expression,
        };

        private static Expression StripConvert(Expression expression) =>
            expression is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u ? StripConvert(u.Operand) : expression;

        private static ComparisonOperator? Operator(ExpressionType type) => type switch
        {
            ExpressionType.Equal => ComparisonOperator.Equal,
            ExpressionType.NotEqual => ComparisonOperator.NotEqual,
            ExpressionType.GreaterThan => ComparisonOperator.GreaterThan,
            ExpressionType.GreaterThanOrEqual => ComparisonOperator.GreaterThanOrEqual,
            ExpressionType.LessThan => ComparisonOperator.LessThan,
            ExpressionType.LessThanOrEqual => ComparisonOperator.LessThanOrEqual,
            _ => null,
        };

        private static ComparisonOperator Flip(ComparisonOperator op) => op switch
        {
            ComparisonOperator.GreaterThan => ComparisonOperator.LessThan,
            ComparisonOperator.GreaterThanOrEqual => ComparisonOperator.LessThanOrEqual,
            ComparisonOperator.LessThan => ComparisonOperator.GreaterThan,
            ComparisonOperator.LessThanOrEqual => ComparisonOperator.GreaterThanOrEqual,
            _ => op,
        };

        private static NotSupportedException Unsupported(Expression expression) =>
            new($"filter: '{expression}' is not supported (use ==, !=, <, <=, >, >=, &&, ||, values.Contains(r.Field) or r.List.Contains(value) on [VectorStoreData] properties)");
    }

    private sealed class RecordFinder(ParameterExpression record) : ExpressionVisitor
    {
        public bool Found { get; private set; }

        protected override Expression VisitParameter(ParameterExpression node)
        {
            Found |= node == record;
            return node;
        }
    }
}
