using System.Text.RegularExpressions;
using Omslite.Hub.ReferenceBooks.Api.Editing;

namespace Omslite.Hub.ReferenceBooks.Api.Books;

/// <summary>
/// "Шаблоны номеров" (ui.md §2.1): regular expressions for patient card numbers; the first active one applies,
/// else <c>^[0-9]{1,7}$</c>. Add, edit, soft delete.
/// </summary>
public static class CardNumberTemplateBook
{
    /// <summary>The only table type: patient card numbers (the original's <c>cardz_clin</c>).</summary>
    public const string Patients = "patients";

    private const string AllowedPunctuation = "][^$.,|?*+{}_-";

    public static readonly BookDescriptor Descriptor = new(
        "card-number-templates",
        "Шаблоны номеров",
        BookKind.Local,
        BookGroups.Local,
        From: "card_number_template t",
        Scope: "t.mo_id = @mo and not t.deleted",
        Columns:
        [
            new("id", "t.id", Sortable: true),
            new("name", "t.name", Sortable: true),
            new("pattern", "t.pattern"),
            new("tableType", "t.table_type"),
            new("active", "t.active", Sortable: true),
        ],
        Key: "id",
        DefaultSort: "id",
        Search: new BookSearch([], ["t.name", "t.pattern"]))
    {
        NumericKey = true,
        Editing = new BookEditing(
            "card_number_template",
            "id",
            [
                new("name", "name", "Имя шаблона", FieldType.Text) { Required = true },
                new("pattern", "pattern", "Шаблон", FieldType.Text) { Required = true, Problem = value => PatternProblem((string)value) },
                new("tableType", "table_type", "Тип таблицы", FieldType.Text)
                {
                    Required = true,
                    Default = Patients,
                    Problem = value => (string)value == Patients ? null : $"Тип таблицы — только «{Patients}» (номера карт пациентов)",
                },
                new("active", "active", "Активный", FieldType.Boolean) { Required = true, Default = true },
            ])
        {
            SoftDelete = true,
        },
    };

    /// <summary>Only the characters the original accepted, and a pattern that compiles.</summary>
    public static string? PatternProblem(string pattern)
    {
        if (!pattern.All(c => char.IsAsciiLetterOrDigit(c) || AllowedPunctuation.Contains(c)))
        {
            return "Шаблон может содержать только латинские буквы, цифры и символы ] [ ^ $ . , | ? * + { } _ -";
        }

        try
        {
            _ = new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (ArgumentException)
        {
            return "Шаблон не является правильным регулярным выражением";
        }
    }
}
