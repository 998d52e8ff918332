namespace Omslite.Hub.ReferenceBooks.Api.Books;

/// <summary>"МО локальные" and "СМО локальные" (ui.md §2.1): the region's MOs and SMOs, read-only (from F003/F002).</summary>
public static class RegionalBooks
{
    /// <summary>Keyed by the 3-character short code used everywhere in the UI, leading zeros kept (D2.7).</summary>
    public static readonly BookDescriptor MoLocal = new(
        "mo-local",
        "МО локальные",
        BookKind.Local,
        BookGroups.Local,
        From: "mo_local t",
        Scope: "t.mo_id = @mo",
        Columns:
        [
            BookColumn.Code("code", "t.code"),
            BookColumn.Code("shortCode", "t.short_code"),
            new("shortName", "t.short_name", Sortable: true),
            new("name", "t.name"),
        ],
        Key: "shortCode",
        DefaultSort: "shortCode",
        Search: new BookSearch(["t.code", "t.short_code"], ["t.short_name", "t.name"]))
    {
        TieBreaker = "t.short_code",
    };

    /// <summary>Includes the row code 0, the territorial fund (TFOMS) as payer.</summary>
    public static readonly BookDescriptor SmoLocal = new(
        "smo-local",
        "СМО локальные",
        BookKind.Local,
        BookGroups.Local,
        From: "smo_local t",
        Scope: "t.mo_id = @mo",
        Columns: [BookColumn.Code("code", "t.code"), BookColumn.Code("okato", "t.okato"), new("name", "t.name", Sortable: true)],
        Key: "code",
        DefaultSort: "code",
        Search: new BookSearch(["t.code", "t.okato"], ["t.name"]))
    {
        TieBreaker = "t.code",
    };
}
