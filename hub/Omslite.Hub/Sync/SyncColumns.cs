using System.Linq.Expressions;
using System.Reflection;
using Npgsql;
using NpgsqlTypes;
using Omslite.Hub.Patients;
using Omslite.Hub.Visits;

namespace Omslite.Hub.Sync;

/// <summary>One stored column of a synced record: its name, its type in a staging table, and how to read it.</summary>
public sealed record SyncColumn<T>(string Name, NpgsqlDbType Type, Func<T, object?> Read)
{
    /// <summary>The type of the column in a staging table (the insert casts to the real column's type).</summary>
    public string SqlType => Type switch
    {
        NpgsqlDbType.Integer => "integer",
        NpgsqlDbType.Boolean => "boolean",
        NpgsqlDbType.Date => "date",
        _ => "text",
    };
}

/// <summary>
/// The columns a sync writes for a patient and a visit (the same lists a UI save writes: <see cref="PatientColumns"/>,
/// <see cref="VisitColumns"/>), each with a getter compiled once: a first sync reads ~75 fields of every case, so
/// reflection per value would cost more than the database work.
/// </summary>
public static class SyncColumns
{
    public static readonly IReadOnlyList<SyncColumn<PatientFields>> Patient =
        PatientColumns.Stored.Select(c => Column<PatientFields>(c.Column, c.Parameter)).ToList();

    public static readonly IReadOnlyList<SyncColumn<VisitFields>> Visit =
        VisitColumns.Stored.Select(c => c.Column == "for_pom"
                // VisitFields carries the form's "urgent" flag; the column keeps FOR_POM (2 urgent, 3 planned).
                ? new SyncColumn<VisitFields>("for_pom", NpgsqlDbType.Integer, v => v.Urgent ? 2 : 3)
                : Column<VisitFields>(c.Column, c.Parameter))
            .ToList();

    /// <summary>The values of a record in the text form <see cref="ColumnValues"/> compares and stores.</summary>
    public static Dictionary<string, string?> Values<T>(T record, IReadOnlyList<SyncColumn<T>> columns)
    {
        var values = new Dictionary<string, string?>(columns.Count);
        foreach (var column in columns)
        {
            values[column.Name] = ColumnValues.Text(column.Read(record));
        }

        return values;
    }

    /// <summary>Writes the columns of a record into a binary COPY row.</summary>
    public static async Task WriteAsync<T>(NpgsqlBinaryImporter importer, T record, IReadOnlyList<SyncColumn<T>> columns, CancellationToken ct)
    {
        foreach (var column in columns)
        {
            switch (column.Read(record))
            {
                case null:
                    await importer.WriteNullAsync(ct);
                    break;
                case string s:
                    await importer.WriteAsync(s, NpgsqlDbType.Text, ct);
                    break;
                case int i:
                    await importer.WriteAsync(i, NpgsqlDbType.Integer, ct);
                    break;
                case bool b:
                    await importer.WriteAsync(b, NpgsqlDbType.Boolean, ct);
                    break;
                case DateOnly d:
                    await importer.WriteAsync(d, NpgsqlDbType.Date, ct);
                    break;
                case var other:
                    throw new InvalidOperationException($"Column {column.Name}: no staging type for {other.GetType()}");
            }
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
        var dbType = type == typeof(string) ? NpgsqlDbType.Text
            : type == typeof(int) ? NpgsqlDbType.Integer
            : type == typeof(bool) ? NpgsqlDbType.Boolean
            : type == typeof(DateOnly) ? NpgsqlDbType.Date
            : throw new InvalidOperationException($"{typeof(T).Name}.{property}: no staging type for {type}");
        var record = Expression.Parameter(typeof(T), "record");
        var read = Expression.Lambda<Func<T, object?>>(Expression.Convert(Expression.Property(record, info), typeof(object)), record).Compile();
        return new SyncColumn<T>(column, dbType, read);
    }
}
