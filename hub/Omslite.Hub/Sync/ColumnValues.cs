using System.Globalization;
using System.Reflection;
using System.Text.Json;

namespace Omslite.Hub.Sync;

/// <summary>
/// A record's stored fields as (column → text) — the form PostgreSQL's <c>jsonb_populate_record</c> takes back into
/// typed columns, and the form in which the hub remembers what the MIS sent (<c>mis_values</c>).
/// </summary>
public static class ColumnValues
{
    public static Dictionary<string, string?> From<T>(T record, IEnumerable<(string Column, string Property)> columns)
    {
        var values = new Dictionary<string, string?>();
        foreach (var (column, property) in columns)
        {
            if (Getters<T>.ByName.TryGetValue(property, out var getter))
            {
                values[column] = Text(getter.GetValue(record));
            }
        }

        return values;
    }

    /// <summary>A type's public properties, looked up once: a sync translates every case with them.</summary>
    private static class Getters<T>
    {
        public static readonly IReadOnlyDictionary<string, PropertyInfo> ByName =
            typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).ToDictionary(p => p.Name);
    }

    public static string? Text(object? value) => value switch
    {
        null => null,
        string s => s,
        bool b => b ? "true" : "false",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    /// <summary>A stored row (<c>to_jsonb</c>) or <c>mis_values</c> in the same text form.</summary>
    public static Dictionary<string, string?> FromJson(string? json)
    {
        var values = new Dictionary<string, string?>();
        if (string.IsNullOrEmpty(json))
        {
            return values;
        }

        using var document = JsonDocument.Parse(json);
        foreach (var property in document.RootElement.EnumerateObject())
        {
            values[property.Name] = property.Value.ValueKind switch
            {
                JsonValueKind.Null or JsonValueKind.Undefined => null,
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.True => "true",
                JsonValueKind.False => "false",
                _ => property.Value.GetRawText(),
            };
        }

        return values;
    }

    public static string ToJson(IReadOnlyDictionary<string, string?> values) => JsonSerializer.Serialize(values);
}
