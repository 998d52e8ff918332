using System.Data;
using System.Globalization;
using System.Text.Json;

namespace Omslite.Hub.ReferenceBooks.Api.Editing;

/// <summary>
/// Field values between JSON, .NET and PostgreSQL: integers as int, dates as DateOnly, money as decimal, JSON as its
/// text; the same types whether a value was sent or loaded, so that values compare as equal when they are.
/// </summary>
public static class FieldValues
{
    /// <summary>The value of a sent field, or the Russian message saying what it should have been.</summary>
    public static (object? Value, string? Problem) Read(EditableField field, JsonElement json)
    {
        if (json.ValueKind == JsonValueKind.Null)
        {
            return (null, null);
        }

        var (value, problem) = field.Type switch
        {
            FieldType.Integer => ReadInteger(json),
            FieldType.Text => json.ValueKind switch
            {
                JsonValueKind.String => Ok(Blank(json.GetString())),
                JsonValueKind.Number => Ok(json.GetRawText()),
                _ => Bad("ожидается текст"),
            },
            FieldType.Boolean => json.ValueKind switch
            {
                JsonValueKind.True or JsonValueKind.False => Ok(json.GetBoolean()),
                JsonValueKind.Number when json.TryGetInt32(out var flag) && flag is 0 or 1 => Ok(flag == 1),
                _ => Bad("ожидается да или нет"),
            },
            FieldType.Date => json.ValueKind == JsonValueKind.String
                && DateOnly.TryParseExact(json.GetString()!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? Ok(date)
                : Bad("ожидается дата в формате ГГГГ-ММ-ДД"),
            FieldType.Decimal => ReadDecimal(json),
            FieldType.Json => json.ValueKind == JsonValueKind.Object ? Ok(json.GetRawText()) : Bad("ожидается объект JSON"),
            _ => throw new ArgumentOutOfRangeException(nameof(field), field.Type, null),
        };
        if (problem is not null)
        {
            return (null, $"«{field.Label}»: {problem}");
        }

        return (value is null || field.Normalize is null ? value : field.Normalize(value), null);
    }

    /// <summary>A loaded column value in the type <see cref="Read"/> gives.</summary>
    public static object? FromDatabase(object? value) => value switch
    {
        DBNull => null,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        _ => value,
    };

    /// <summary>Adds a value as a typed parameter; returns the placeholder to write in the SQL.</summary>
    public static string AddParameter(Dapper.DynamicParameters parameters, string name, FieldType type, object? value)
    {
        var (parameter, dbType) = type switch
        {
            FieldType.Integer => (value, DbType.Int32),
            FieldType.Boolean => (value, DbType.Boolean),
            FieldType.Date => (((DateOnly?)value)?.ToDateTime(TimeOnly.MinValue), DbType.Date),
            FieldType.Decimal => (value, DbType.Decimal),
            _ => (value, DbType.String),
        };
        parameters.Add(name, parameter, dbType);
        return type == FieldType.Json ? $"cast(@{name} as jsonb)" : $"@{name}";
    }

    private static (object? Value, string? Problem) ReadInteger(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number when json.TryGetInt32(out var n) => Ok(n),
        JsonValueKind.String when Blank(json.GetString()) is null => Ok(null),
        JsonValueKind.String when int.TryParse(json.GetString()!.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => Ok(n),
        _ => Bad("введите целое число"),
    };

    private static (object? Value, string? Problem) ReadDecimal(JsonElement json) => json.ValueKind switch
    {
        JsonValueKind.Number when json.TryGetDecimal(out var d) => Ok(d),
        JsonValueKind.String when Blank(json.GetString()) is null => Ok(null),
        JsonValueKind.String when decimal.TryParse(json.GetString()!.Trim().Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var d) => Ok(d),
        _ => Bad("введите число"),
    };

    private static (object? Value, string? Problem) Ok(object? value) => (value, null);

    private static (object? Value, string? Problem) Bad(string problem) => (null, problem);

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
