namespace Omslite.Hub.ReferenceBooks.Api.Editing;

/// <summary>How a field's JSON value is read and stored.</summary>
public enum FieldType
{
    Integer,
    Text,
    Boolean,
    Date,
    Decimal,
    Json,
}

/// <summary>
/// A field an admin may set: its API name, column, Russian label (used in messages) and rules. Text is trimmed and
/// an empty text is null; a field not sent keeps its value, an explicit null clears it (ui.md §1.3(e)).
/// </summary>
public sealed record EditableField(string Field, string Column, string Label, FieldType Type)
{
    public bool Required { get; init; }

    /// <summary>Set when the row is created and never changed afterwards (a key such as the specialty code).</summary>
    public bool Fixed { get; init; }

    /// <summary>The value of a new row when the field is not sent.</summary>
    public object? Default { get; init; }

    /// <summary>Tidies a value before it is checked (e.g. SNILS without spaces and dashes).</summary>
    public Func<object, object>? Normalize { get; init; }

    /// <summary>What is wrong with a present value, or null when it is fine.</summary>
    public Func<object, string?>? Problem { get; init; }

    /// <summary>The message for a missing required value, when "Заполните поле «…»" does not say enough.</summary>
    public string? MissingMessage { get; init; }

    public string Missing => MissingMessage ?? $"Заполните поле «{Label}»";

    /// <summary>A number the admin gives a new row as its key (a specialty, a profile): positive, never changed.</summary>
    public static EditableField IntegerKey(string field, string column, string label) =>
        new(field, column, label, FieldType.Integer)
        {
            Required = true,
            Fixed = true,
            Problem = FieldChecks.Positive($"{label} — целое число больше 0"),
        };
}
