using System.Reflection;
using Microsoft.Extensions.VectorData;

namespace AiVideo.Memory.VectorData;

/// <summary>
/// What a record type looks like to a store, read once from its VectorData attributes: a string key
/// (<see cref="VectorStoreKeyAttribute"/>), one float vector (<see cref="VectorStoreVectorAttribute"/>, cosine similarity),
/// and data properties (<see cref="VectorStoreDataAttribute"/>; <c>IsIndexed</c> ones can be filtered on).
/// Data values are normalised to storage values: strings, booleans, longs, doubles, string lists, and
/// <see cref="DateTimeOffset"/> as Unix milliseconds (so range filters work in every store).
/// </summary>
public sealed class VectorRecordModel<TRecord>
    where TRecord : class
{
    private readonly ConstructorInfo _constructor;

    /// <param name="dimensions">Overrides the vector attribute's dimensions (the embedder decides them at run time).</param>
    public VectorRecordModel(int? dimensions = null)
    {
        var type = typeof(TRecord);
        _constructor = type.GetConstructor(Type.EmptyTypes)
            ?? throw new NotSupportedException($"{type.Name} needs a public parameterless constructor to be stored as a vector record");
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        var keys = properties.Where(p => p.GetCustomAttribute<VectorStoreKeyAttribute>() is not null).ToList();
        if (keys.Count != 1 || keys[0].PropertyType != typeof(string))
        {
            throw new NotSupportedException($"{type.Name} needs exactly one string property marked [VectorStoreKey]");
        }
        Key = keys[0];
        var vectors = properties.Where(p => p.GetCustomAttribute<VectorStoreVectorAttribute>() is not null).ToList();
        if (vectors.Count != 1 || (vectors[0].PropertyType != typeof(ReadOnlyMemory<float>) && vectors[0].PropertyType != typeof(ReadOnlyMemory<float>?) && vectors[0].PropertyType != typeof(float[])))
        {
            throw new NotSupportedException($"{type.Name} needs exactly one ReadOnlyMemory<float> or float[] property marked [VectorStoreVector]");
        }
        Vector = vectors[0];
        var vectorAttribute = Vector.GetCustomAttribute<VectorStoreVectorAttribute>()!;
        Dimensions = dimensions ?? vectorAttribute.Dimensions;
        if (Dimensions <= 0) throw new NotSupportedException($"{type.Name}.{Vector.Name}: dimensions must be positive");
        if (vectorAttribute.DistanceFunction is { } distance && distance != DistanceFunction.CosineSimilarity)
        {
            throw new NotSupportedException($"{type.Name}.{Vector.Name}: only {DistanceFunction.CosineSimilarity} is supported, not {distance}");
        }
        Data = properties
            .Select(p => (Property: p, Attribute: p.GetCustomAttribute<VectorStoreDataAttribute>()))
            .Where(x => x.Attribute is not null)
            .Select(x => new DataProperty(x.Property, x.Attribute!.StorageName ?? x.Property.Name, x.Attribute.IsIndexed, StorageKindOf(x.Property)))
            .ToList();
    }

    public PropertyInfo Key { get; }
    public PropertyInfo Vector { get; }
    public int Dimensions { get; }
    public IReadOnlyList<DataProperty> Data { get; }

    public IEnumerable<DataProperty> Indexed => Data.Where(d => d.IsIndexed);

    public DataProperty? FindData(string propertyName) => Data.FirstOrDefault(d => d.Property.Name == propertyName);

    public string GetKey(TRecord record) =>
        Key.GetValue(record) as string is { Length: > 0 } key ? key : throw new ArgumentException($"{typeof(TRecord).Name} has no key");

    public ReadOnlyMemory<float> GetVector(TRecord record)
    {
        var vector = Vector.GetValue(record) switch
        {
            ReadOnlyMemory<float> memory => memory,
            float[] array => array,
            _ => ReadOnlyMemory<float>.Empty,
        };
        if (vector.Length != Dimensions)
        {
            throw new ArgumentException($"{typeof(TRecord).Name} '{GetKey(record)}' has a vector of {vector.Length} dimensions; the collection stores {Dimensions}");
        }
        return vector;
    }

    /// <summary>The record's data as storage values, by storage name.</summary>
    public IReadOnlyDictionary<string, object?> GetData(TRecord record) =>
        Data.ToDictionary(d => d.StorageName, d => ToStorage(d.Property.GetValue(record)));

    /// <summary>Builds a record from stored parts; a missing vector leaves the vector property at its default.</summary>
    public TRecord Create(string key, ReadOnlyMemory<float>? vector, IReadOnlyDictionary<string, object?> data)
    {
        var record = (TRecord)_constructor.Invoke(null);
        Key.SetValue(record, key);
        if (vector is { } v)
        {
            Vector.SetValue(record, Vector.PropertyType == typeof(float[]) ? v.ToArray() : v);
        }
        foreach (var property in Data)
        {
            if (data.TryGetValue(property.StorageName, out var value))
            {
                property.Property.SetValue(record, FromStorage(value, property.Property.PropertyType));
            }
        }
        return record;
    }

    /// <summary>A CLR value as stored: DateTimeOffset → Unix ms, enums → name, integers → long, reals → double.</summary>
    public static object? ToStorage(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b,
        DateTimeOffset d => d.ToUnixTimeMilliseconds(),
        DateTime d => new DateTimeOffset(d.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(d, DateTimeKind.Utc) : d).ToUnixTimeMilliseconds(),
        Enum e => e.ToString(),
        int or long or short or byte => Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture),
        float or double or decimal => Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture),
        IEnumerable<string> list => list.ToList(),
        _ => throw new NotSupportedException($"cannot store a {value.GetType().Name} as vector record data"),
    };

    /// <summary>A stored value back as the property's type.</summary>
    public static object? FromStorage(object? value, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (value is null) return null;
        var inv = System.Globalization.CultureInfo.InvariantCulture;
        if (target == typeof(string)) return Convert.ToString(value, inv);
        if (target == typeof(bool)) return value is bool b ? b : Convert.ToInt64(value, inv) != 0;
        if (target == typeof(DateTimeOffset)) return DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, inv));
        if (target == typeof(DateTime)) return DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(value, inv)).UtcDateTime;
        if (target.IsEnum) return Enum.Parse(target, Convert.ToString(value, inv)!);
        if (target == typeof(int)) return Convert.ToInt32(value, inv);
        if (target == typeof(long)) return Convert.ToInt64(value, inv);
        if (target == typeof(double)) return Convert.ToDouble(value, inv);
        if (target == typeof(float)) return Convert.ToSingle(value, inv);
        if (target == typeof(decimal)) return Convert.ToDecimal(value, inv);
        if (typeof(IEnumerable<string>).IsAssignableFrom(target) || target.IsAssignableFrom(typeof(List<string>)) || target == typeof(string[]))
        {
            var list = value switch
            {
                IEnumerable<string> strings => strings.ToList(),
                System.Collections.IEnumerable items => items.Cast<object?>().Select(o => Convert.ToString(o, inv) ?? "").ToList(),
                _ => [Convert.ToString(value, inv) ?? ""],
            };
            return target == typeof(string[]) ? list.ToArray() : list;
        }
        throw new NotSupportedException($"cannot read stored data as {type.Name}");
    }

    private static StorageKind StorageKindOf(PropertyInfo property)
    {
        var type = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        if (type == typeof(string) || type.IsEnum) return StorageKind.Text;
        if (type == typeof(bool)) return StorageKind.Boolean;
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime) || type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)) return StorageKind.Integer;
        if (type == typeof(double) || type == typeof(float) || type == typeof(decimal)) return StorageKind.Real;
        if (typeof(IEnumerable<string>).IsAssignableFrom(type)) return StorageKind.TextList;
        throw new NotSupportedException($"{typeof(TRecord).Name}.{property.Name}: {type.Name} cannot be vector record data");
    }
}

/// <summary>One data property of a record type.</summary>
public sealed record DataProperty(PropertyInfo Property, string StorageName, bool IsIndexed, StorageKind Kind);

/// <summary>How a data value is stored.</summary>
public enum StorageKind
{
    Text,
    Boolean,
    Integer,
    Real,
    TextList,
}
