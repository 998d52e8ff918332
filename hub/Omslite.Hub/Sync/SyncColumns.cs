using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using Omslite.Hub.Patients;
using Omslite.Hub.Visits;

namespace Omslite.Hub.Sync;

/// <summary>
/// One stored column of a synced record: its name, its type in a staging table, and how to read it — typed, since a
/// first sync reads ~75 fields of every case and boxing each would cost as much garbage as the rest of the work.
/// </summary>
public abstract class SyncColumn<T>(string name)
{
    public string Name { get; } = name;

    /// <summary>The type of the column in a staging table (the insert casts to the real column's type).</summary>
    public abstract string SqlType { get; }

    /// <summary>The value in the text form <see cref="ColumnValues"/> compares and stores (null for NULL).</summary>
    public abstract string? Text(T record);

    /// <summary>Writes the value into a binary COPY row.</summary>
    public abstract Task WriteAsync(NpgsqlBinaryImporter importer, T record, CancellationToken ct);

    /// <summary>Writes <c>"name": "text"</c> when the value is not null (<c>mis_values</c> keeps no nulls).</summary>
    public abstract void WriteJson(Utf8JsonWriter json, T record);
}

/// <summary>
/// The columns a sync writes for a patient and a visit (the same lists a UI save writes: <see cref="PatientColumns"/>,
/// <see cref="VisitColumns"/>), each with a getter compiled once.
/// </summary>
public static class SyncColumns
{
    public static readonly IReadOnlyList<SyncColumn<PatientFields>> Patient =
        PatientColumns.Stored.Select(c => Column<PatientFields>(c.Column, c.Parameter)).ToList();

    public static readonly IReadOnlyList<SyncColumn<VisitFields>> Visit =
        VisitColumns.Stored.Select(c => c.Column == "for_pom"
                // VisitFields carries the form's "urgent" flag; the column keeps FOR_POM (2 urgent, 3 planned).
                ? new IntegerColumn<VisitFields>("for_pom", v => v.Urgent ? 2 : 3)
                : Column<VisitFields>(c.Column, c.Parameter))
            .ToList();

    /// <summary>The values of a record in the text form <see cref="ColumnValues"/> compares and stores.</summary>
    public static Dictionary<string, string?> Values<T>(T record, IReadOnlyList<SyncColumn<T>> columns)
    {
        var values = new Dictionary<string, string?>(columns.Count);
        foreach (var column in columns)
        {
            values[column.Name] = column.Text(record);
        }

        return values;
    }

    /// <summary>Writes the columns of a record into a binary COPY row.</summary>
    public static async Task WriteAsync<T>(NpgsqlBinaryImporter importer, T record, IReadOnlyList<SyncColumn<T>> columns, CancellationToken ct)
    {
        foreach (var column in columns)
        {
            await column.WriteAsync(importer, record, ct);
        }
    }

    /// <summary>"fam text, im text, …" for a staging table.</summary>
    public static string Definitions<T>(IReadOnlyList<SyncColumn<T>> columns) =>
        string.Join(", ", columns.Select(c => $"{c.Name} {c.SqlType}"));

    /// <summary>"fam, im, …" optionally prefixed ("s.fam, s.im, …").</summary>
    public static string Names<T>(IReadOnlyList<SyncColumn<T>> columns, string prefix = "") =>
        string.Join(", ", columns.Select(c => prefix + c.Name));

    private static SyncColumn<T> Column<T>(string column, string property)
    {
        var info = typeof(T).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)
                   ?? throw new InvalidOperationException($"{typeof(T).Name} has no property {property} for column {column}");
        var type = Nullable.GetUnderlyingType(info.PropertyType) ?? info.PropertyType;
        return type == typeof(string) ? new TextColumn<T>(column, Getter<T, string?>(info))
            : type == typeof(int) ? new IntegerColumn<T>(column, Getter<T, int?>(info))
            : type == typeof(bool) ? new BooleanColumn<T>(column, Getter<T, bool>(info))
            : type == typeof(DateOnly) ? new DateColumn<T>(column, Getter<T, DateOnly?>(info))
            : throw new InvalidOperationException($"{typeof(T).Name}.{property}: no staging type for {type}");
    }

    private static Func<T, TValue> Getter<T, TValue>(PropertyInfo property)
    {
        var record = Expression.Parameter(typeof(T), "record");
        return Expression.Lambda<Func<T, TValue>>(Expression.Convert(Expression.Property(record, property), typeof(TValue)), record).Compile();
    }
}

internal sealed class TextColumn<T>(string name, Func<T, string?> read) : SyncColumn<T>(name)
{
    public override string SqlType => "text";

    public override string? Text(T record) => read(record);

    public override Task WriteAsync(NpgsqlBinaryImporter importer, T record, CancellationToken ct) =>
        read(record) is { } value ? importer.WriteAsync(value, NpgsqlDbType.Text, ct) : importer.WriteNullAsync(ct);

    public override void WriteJson(Utf8JsonWriter json, T record)
    {
        if (read(record) is { } value)
        {
            json.WriteString(Name, value);
        }
    }
}

internal sealed class IntegerColumn<T>(string name, Func<T, int?> read) : SyncColumn<T>(name)
{
    public override string SqlType => "integer";

    public override string? Text(T record) => read(record)?.ToString(CultureInfo.InvariantCulture);

    public override Task WriteAsync(NpgsqlBinaryImporter importer, T record, CancellationToken ct) =>
        read(record) is { } value ? importer.WriteAsync(value, NpgsqlDbType.Integer, ct) : importer.WriteNullAsync(ct);

    public override void WriteJson(Utf8JsonWriter json, T record)
    {
        if (read(record) is { } value)
        {
            Span<char> text = stackalloc char[11];
            value.TryFormat(text, out var length, provider: CultureInfo.InvariantCulture);
            json.WriteString(Name, text[..length]);
        }
    }
}

internal sealed class BooleanColumn<T>(string name, Func<T, bool> read) : SyncColumn<T>(name)
{
    public override string SqlType => "boolean";

    public override string? Text(T record) => read(record) ? "true" : "false";

    public override Task WriteAsync(NpgsqlBinaryImporter importer, T record, CancellationToken ct) =>
        importer.WriteAsync(read(record), NpgsqlDbType.Boolean, ct);

    public override void WriteJson(Utf8JsonWriter json, T record) => json.WriteString(Name, read(record) ? "true" : "false");
}

internal sealed class DateColumn<T>(string name, Func<T, DateOnly?> read) : SyncColumn<T>(name)
{
    public override string SqlType => "date";

    public override string? Text(T record) => read(record)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public override Task WriteAsync(NpgsqlBinaryImporter importer, T record, CancellationToken ct) =>
        read(record) is { } value ? importer.WriteAsync(value, NpgsqlDbType.Date, ct) : importer.WriteNullAsync(ct);

    public override void WriteJson(Utf8JsonWriter json, T record)
    {
        if (read(record) is { } value)
        {
            Span<char> text = stackalloc char[10];
            value.TryFormat(text, out var length, "yyyy-MM-dd", CultureInfo.InvariantCulture);
            json.WriteString(Name, text[..length]);
        }
    }
}
