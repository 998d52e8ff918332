namespace Omslite.Hub.ReferenceBooks.Api.Books;

/// <summary>The MO's tariff versions (D6) by date, with the one in force today marked; read-only (imports add them).</summary>
public static class TariffVersionBook
{
    public static readonly BookDescriptor Descriptor = new(
        "tariff-versions",
        "Версии тарифов",
        BookKind.Local,
        BookGroups.Tariffs,
        From: "tariff_version t",
        Scope: "t.mo_id = @mo",
        Columns:
        [
            new("id", "t.id", Sortable: true),
            new("validFrom", "t.valid_from", Sortable: true),
            new("sourceFile", "t.source_file"),
            new("importedAt", "t.imported_at", Sortable: true),
            new("importedBy", "t.imported_by"),
            new("rows", "(select count(*) from tariff r where r.version_id = t.id)"),
            new("inForce", "t.id is not distinct from (select x.id from tariff_version x where x.mo_id = @mo and x.valid_from <= @today order by x.valid_from desc limit 1)"),
        ],
        Key: "id",
        DefaultSort: "validFrom",
        Search: new BookSearch(["t.id::text"], ["t.source_file"]))
    {
        NumericKey = true,
    };
}
