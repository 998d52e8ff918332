using Omslite.Hub.ReferenceBooks.Api.Editing;

namespace Omslite.Hub.ReferenceBooks.Api.Books;

/// <summary>
/// The small code/name lists of the visit form, one <c>local_lookup</c> book each (ui.md §2.2 "Lookup books";
/// read-only), and the diagnostic units (ui.md §2.1, obsolete; the names may be edited).
/// </summary>
public static class LocalLookupBooks
{
    public static readonly IReadOnlyList<BookDescriptor> All =
    [
        Lookup("ist-fin", "ist_fin", "Оплата"),
        Lookup("purpose", "purpose", "Цель"),
        Lookup("char-main", "char_main", "Характер"),
        Lookup("cishod", "cishod", "Исход"),
        Lookup("cresult", "cresult", "Результат"),
        Lookup("travma-type", "travma_type", "Травма"),
        Lookup("district", "district", "Участки"),
        Lookup("division", "division", "Отделения"),
        Lookup("sp-para", "sp_para", "Диагностические подразделения", BookGroups.Local) with
        {
            Editing = new BookEditing("local_lookup", "code", [new("name", "name", "Описание", FieldType.Text) { Required = true }])
            {
                Scope = new Dictionary<string, string> { ["mo_id"] = "@mo", ["book"] = "'sp_para'" },
                CanCreate = false,
                AuditId = "book || ':' || code",
            },
        },
    ];

    private static BookDescriptor Lookup(string id, string book, string title, string group = BookGroups.Profile) =>
        new(
            id,
            title,
            BookKind.Local,
            group,
            From: "local_lookup t",
            Scope: $"t.mo_id = @mo and t.book = '{book}'",
            Columns: [new("code", "t.code", Sortable: true), new("name", "t.name", Sortable: true)],
            Key: "code",
            DefaultSort: "code",
            Search: new BookSearch(["t.code::text"], ["t.name"]))
        {
            NumericKey = true,
            TieBreaker = "t.code",
        };
}
