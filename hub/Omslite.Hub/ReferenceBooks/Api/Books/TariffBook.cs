using Omslite.Hub.ReferenceBooks.Api.Editing;

namespace Omslite.Hub.ReferenceBooks.Api.Books;

/// <summary>
/// "Тарифы на ПМУ по взаиморасчетам" (ui.md §2.5, D6): every import is a version effective from a date. The book
/// shows one version: <c>?version=</c> when given, else the one in force on <c>?asOf=</c>, else today's. Only the
/// price may be edited (the import brings the rows). The versions: TariffVersions.
/// </summary>
public static class TariffBook
{
    /// <summary>The id of the version shown, among the caller's MO's versions.</summary>
    public const string VersionShown = """
        (select x.id from tariff_version x
         where x.mo_id = @mo
           and case when @version is null then x.valid_from <= coalesce(@asOf, @today) else x.id = @version end
         order by x.valid_from desc limit 1)
        """;

    public static readonly BookDescriptor Descriptor = new(
        "tariffs",
        "Тарифы на ПМУ по взаиморасчетам",
        BookKind.Local,
        BookGroups.Tariffs,
        From: "tariff t join tariff_version v on v.id = t.version_id",
        Scope: $"v.mo_id = @mo and v.id = {VersionShown}",
        Columns:
        [
            new("code", "t.code", Sortable: true),
            new("name", "t.name", Sortable: true),
            new("price", "t.price", Sortable: true),
            new("versionId", "t.version_id"),
            new("validFrom", "v.valid_from"),
        ],
        Key: "code",
        DefaultSort: "code",
        Search: new BookSearch(["t.code"], ["t.name"]) { AnyLayout = true })
    {
        TieBreaker = "t.code",
        Editing = new BookEditing(
            "tariff",
            "code",
            [
                new("price", "price", "Цена", FieldType.Decimal)
                {
                    Required = true,
                    Problem = FieldChecks.NotNegative("Цена не может быть отрицательной"),
                },
            ])
        {
            Scope = new Dictionary<string, string> { ["version_id"] = VersionShown },
            CanCreate = false,
            AuditId = "version_id || ':' || code",
        },
    };
}
