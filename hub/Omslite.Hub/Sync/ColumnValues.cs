using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Omslite.Hub.Sync;

/// <summary>
/// A record's stored fields as (column → text) — the form PostgreSQL's <c>jsonb_populate_record</c> takes back into
/// typed columns, and the form in which the hub remembers what the MIS sent (<c>mis_values</c>).
/// </summary>
public static class ColumnValues
{
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

    /// <summary>
    /// <c>mis_values</c>: what the MIS sent, its non-null values only (a field missing from it was null, as
    /// <see cref="FieldMerge"/> and the "Источник" tab read it), written straight from the record.
    /// </summary>
    public static string MisJson<T>(T record, IReadOnlyList<SyncColumn<T>> columns, string? services = null)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, MisJsonOptions))
        {
            json.WriteStartObject();
            foreach (var column in columns)
            {
                if (Text(column.Read(record)) is { } text)
                {
                    json.WriteString(column.Name, text);
                }
            }

            if (services is not null)
            {
                json.WriteString(CaseMerger.ServicesField, services);
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <inheritdoc cref="MisJson{T}"/>
    public static string MisJson(IReadOnlyDictionary<string, string?> values) =>
        JsonSerializer.Serialize(values.Where(v => v.Value is not null).ToDictionary(v => v.Key, v => v.Value), MisSerializerOptions);

    // Stored in jsonb, never written into a web page: Cyrillic unescaped keeps the text a third of the size.
    private static readonly JsonWriterOptions MisJsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions MisSerializerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
