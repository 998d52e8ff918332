using System.Data.Common;
using System.Globalization;

namespace Omslite.MisConnectors.SqlMapping;

/// <summary>
/// Where each canonical column sits in the result of one mapping query, checked once against the result's schema:
/// every required column present, no unknown or repeated column, every type acceptable for its kind.
/// </summary>
internal sealed class RowLayout
{
    private readonly IReadOnlyList<CanonicalColumn> _columns;
    private readonly int[] _ordinals;
    private readonly string _query;

    private RowLayout(string query, IReadOnlyList<CanonicalColumn> columns, int[] ordinals)
    {
        _query = query;
        _columns = columns;
        _ordinals = ordinals;
    }

    /// <summary>Whether the query returns the column.</summary>
    public bool Has(CanonicalColumn column) => _ordinals[column.Index] >= 0;

    /// <summary>Binds the reader's columns, or lists in Russian every problem (empty when it binds).</summary>
    public static RowLayout Bind(DbDataReader reader, string query, IReadOnlyList<CanonicalColumn> columns, List<string> problems)
    {
        var ordinals = Enumerable.Repeat(-1, columns.Count).ToArray();
        for (var i = 0; i < reader.FieldCount; i++)
        {
            var name = reader.GetName(i).Trim();
            var column = columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase));
            if (column is null)
            {
                problems.Add($"Запрос {query}: столбец «{name}» не входит в канонический набор (опечатка? лишние столбцы уберите из SELECT).");
                continue;
            }

            if (ordinals[column.Index] >= 0)
            {
                problems.Add($"Запрос {query}: столбец «{column.Name}» встречается дважды.");
                continue;
            }

            ordinals[column.Index] = i;
            var type = reader.GetFieldType(i);
            if (!Accepts(column.Kind, type))
            {
                problems.Add($"Запрос {query}: столбец «{column.Name}» должен быть {KindName(column.Kind)}, а запрос возвращает {DescribeType(reader, i, type)}.");
            }
        }

        foreach (var missing in columns.Where(c => c.Required && ordinals[c.Index] < 0))
        {
            problems.Add($"Запрос {query}: нет обязательного столбца «{missing.Name}» ({missing.Meaning}).");
        }

        return new RowLayout(query, columns, ordinals);
    }

    /// <summary>The raw value of a column as the provider gives it (null for a missing column or NULL).</summary>
    public object? Raw(DbDataReader reader, CanonicalColumn column)
    {
        var ordinal = _ordinals[column.Index];
        return ordinal < 0 || reader.IsDBNull(ordinal) ? null : reader.GetValue(ordinal);
    }

    /// <summary>Reads every bound column of the current row, converted to its kind.</summary>
    public object?[] Read(DbDataReader reader, Func<string> rowName)
    {
        var values = new object?[_columns.Count];
        foreach (var column in _columns)
        {
            var raw = Raw(reader, column);
            if (raw is null)
            {
                continue;
            }

            try
            {
                values[column.Index] = Convert(column.Kind, raw);
            }
            catch (Exception ex) when (ex is FormatException or OverflowException or InvalidCastException)
            {
                throw new SqlMappingException(
                    $"Запрос {_query}, {rowName()}: значение «{raw}» столбца «{column.Name}» не годится: нужно {KindName(column.Kind)}.");
            }
        }

        return values;
    }

    private static object Convert(ColumnKind kind, object raw) => kind switch
    {
        ColumnKind.Key => raw switch
        {
            string s => s.Trim(),
            decimal d => ToLong(d).ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => raw.ToString()!,
        },
        ColumnKind.Text => raw switch
        {
            string s => s.Trim() is { Length: > 0 } t ? t : null!,
            decimal d => ToLong(d).ToString(CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => throw new InvalidCastException(),
        },
        ColumnKind.Integer => checked((int)ToLong(raw)),
        ColumnKind.Stamp => ToLong(raw),
        ColumnKind.Flag => raw is bool b ? b : ToLong(raw) != 0,
        ColumnKind.Date => raw switch
        {
            DateTime dt => DateOnly.FromDateTime(dt),
            DateOnly d => d,
            DateTimeOffset dto => DateOnly.FromDateTime(dto.DateTime),
            _ => throw new InvalidCastException(),
        },
        _ => throw new InvalidCastException(),
    };

    private static long ToLong(object raw) => raw switch
    {
        long l => l,
        int i => i,
        short s => s,
        byte b => b,
        sbyte sb => sb,
        ushort us => us,
        uint ui => ui,
        ulong ul => checked((long)ul),
        decimal d => ToLong(d),
        _ => throw new InvalidCastException(),
    };

    private static long ToLong(decimal d) =>
        d == decimal.Truncate(d) ? checked((long)d) : throw new FormatException("not an integer");

    private static readonly Type[] IntegerTypes =
        [typeof(long), typeof(int), typeof(short), typeof(byte), typeof(sbyte), typeof(ushort), typeof(uint), typeof(ulong), typeof(decimal)];

    private static bool Accepts(ColumnKind kind, Type type) => kind switch
    {
        ColumnKind.Key => type == typeof(string) || type == typeof(Guid) || IntegerTypes.Contains(type),
        ColumnKind.Text => type == typeof(string) || IntegerTypes.Contains(type),
        ColumnKind.Integer or ColumnKind.Stamp => IntegerTypes.Contains(type),
        ColumnKind.Flag => type == typeof(bool) || IntegerTypes.Contains(type),
        ColumnKind.Date => type == typeof(DateTime) || type == typeof(DateOnly) || type == typeof(DateTimeOffset),
        _ => false,
    };

    private static string KindName(ColumnKind kind) => kind switch
    {
        ColumnKind.Key => "ключом (текст или целое число)",
        ColumnKind.Text => "текстом",
        ColumnKind.Integer => "целым числом",
        ColumnKind.Stamp => "целым числом (bigint; rowversion и дату-время приведите к bigint)",
        ColumnKind.Flag => "признаком (boolean или 0/1)",
        ColumnKind.Date => "датой (date или timestamp)",
        _ => kind.ToString(),
    };

    private static string DescribeType(DbDataReader reader, int ordinal, Type type)
    {
        string? dbType = null;
        try
        {
            dbType = reader.GetDataTypeName(ordinal);
        }
        catch (Exception ex) when (ex is NotSupportedException or InvalidOperationException)
        {
            // Some providers cannot name the type; the CLR type is enough then.
        }

        return string.IsNullOrWhiteSpace(dbType) ? type.Name : $"{dbType} ({type.Name})";
    }
}
