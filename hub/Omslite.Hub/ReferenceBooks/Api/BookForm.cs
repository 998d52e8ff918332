using Omslite.Hub.ReferenceBooks.Api.Editing;

namespace Omslite.Hub.ReferenceBooks.Api;

/// <summary>
/// An editable field as the UI's form shows it: the API name, the Russian label, the input type, whether it must be
/// filled, whether it is set only when the row is created (a key), and the value a new row gets when it is not sent.
/// </summary>
public sealed record BookFormField(string Field, string Label, string Type, bool Required, bool Fixed, object? Default);

/// <summary>
/// How a book is edited, for the UI's add/edit dialog (ui.md §1.3(d)): whether rows may be added and (soft) deleted,
/// whether saves carry the row's <c>version</c>, and the fields in form order. Derived from the book's
/// <see cref="BookEditing"/>, so the dialog can never offer what the API would refuse.
/// </summary>
public sealed record BookForm(bool CanCreate, bool CanDelete, bool Versioned, IReadOnlyList<BookFormField> Fields)
{
    public static BookForm? Of(BookDescriptor book) => book.Editing is not { } editing
        ? null
        : new BookForm(
            editing.CanCreate,
            editing.SoftDelete,
            editing.Versioned,
            [.. editing.Fields.Select(f => new BookFormField(f.Field, f.Label, TypeName(f.Type), f.Required, f.Fixed, f.Default))]);

    private static string TypeName(FieldType type) => type switch
    {
        FieldType.Integer => "integer",
        FieldType.Text => "text",
        FieldType.Boolean => "boolean",
        FieldType.Date => "date",
        FieldType.Decimal => "decimal",
        FieldType.Json => "json",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };
}
