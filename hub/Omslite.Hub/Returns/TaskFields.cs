using System.Globalization;
using Omslite.Hub.Sync;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Returns;

/// <summary>
/// The fields of a task request (workflows.md §1.2): multipart form fields, or the query string for GET. Booleans
/// are true/false/1/0 (any case); anything else, and a wrong month, is refused with the field's name.
/// </summary>
public sealed class TaskFields
{
    private readonly Dictionary<string, string> _values;

    private TaskFields(Dictionary<string, string> values, IFormFile? file)
    {
        _values = values;
        File = file;
    }

    /// <summary>The uploaded file: the first of the field <c>files</c> (or <c>file</c>, the 2020 UI's name).</summary>
    public IFormFile? File { get; }

    public static async Task<TaskFields> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var values = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        IFormFile? file = null;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            foreach (var field in form)
            {
                values[field.Key] = field.Value.ToString();
            }

            file = form.Files.GetFile("files") ?? form.Files.GetFile("file");
        }

        return new TaskFields(values, file);
    }

    public string? Text(string name) => _values.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public bool Flag(string name, bool fallback) => Text(name)?.ToLowerInvariant() switch
    {
        null => fallback,
        "true" or "1" => true,
        "false" or "0" => false,
        var other => throw new FormatException($"Неверное значение поля {name}: {other} (ожидается true/false или 1/0)"),
    };

    public ReportPeriod Month(string name = "month") =>
        ReportMonth.Parse(Text(name) ?? throw new FormatException($"Укажите месяц ({name}, ГГГГ-ММ)"));

    public DateOnly? Date(string name) => Text(name) is not { } text
        ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new FormatException($"Неверная дата {name}: {text} (ожидается ГГГГ-ММ-ДД)");

    public long? Long(string name) => Text(name) is not { } text
        ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"Неверное значение поля {name}: {text}");
}
