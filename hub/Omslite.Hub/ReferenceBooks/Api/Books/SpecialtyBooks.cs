using Omslite.Hub.ReferenceBooks.Api.Editing;

namespace Omslite.Hub.ReferenceBooks.Api.Books;

/// <summary>"Специальности" and "Профили" (ui.md §2.2): the MO's specialty and profile settings.</summary>
public static class SpecialtyBooks
{
    /// <summary>Local specialty → PRVS (V021) and profile (V002); e.g. 63 "Рентгенолог" → 60 / 78. Add and edit, no delete.</summary>
    public static readonly BookDescriptor LocalSpecialties = new(
        "local-specialties",
        "Специальности",
        BookKind.Local,
        BookGroups.Profile,
        From: "local_specialty t",
        Scope: "t.mo_id = @mo",
        Columns:
        [
            new("spec", "t.spec", Sortable: true),
            new("name", "t.name", Sortable: true),
            new("prvs", "t.prvs", Sortable: true),
            new("profil", "t.profil", Sortable: true),
            new("profK", "t.prof_k"),
            new("det", "t.det"),
        ],
        Key: "spec",
        DefaultSort: "spec",
        Search: new BookSearch(["t.spec::text"], ["t.name"]))
    {
        NumericKey = true,
        TieBreaker = "t.spec",
        Editing = new BookEditing(
            "local_specialty",
            "spec",
            [
                EditableField.IntegerKey("spec", "spec", "Код специальности"),
                new("name", "name", "Специальность", FieldType.Text) { Required = true },
                new("prvs", "prvs", "Код PRVS V021", FieldType.Integer),
                new("profil", "profil", "Профиль V002", FieldType.Integer),
                new("profK", "prof_k", "Профиль койки", FieldType.Integer),
                new("det", "det", "Детский", FieldType.Boolean) { Required = true, Default = false },
            ])
        {
            Rules =
            [
                new MustBeUnique(["spec"], "Специальность с кодом {spec} уже есть"),
                FieldChecks.InFederalBook("prvs", "V021", "Специальности PRVS"),
                FieldChecks.InFederalBook("profil", "V002", "Профиля"),
            ],
        },
    };

    /// <summary>
    /// The appointment-service PMU codes of a V002 profile (registry-pack-25.md §5.1a), named from V002. The
    /// original listed every V002 profile; here the MO adds the profiles it needs and edits their codes.
    /// </summary>
    public static readonly BookDescriptor ProfileServices = new(
        "profile-services",
        "Профили",
        BookKind.Local,
        BookGroups.Profile,
        From: """
            profile_service t
            left join lateral (
                select e.name from nsi_entry e where e.book = 'V002' and e.code = t.profil::text order by e.date_beg desc limit 1
            ) p on true
            """,
        Scope: "t.mo_id = @mo",
        Columns:
        [
            new("profil", "t.profil", Sortable: true),
            new("name", "p.name", Sortable: true),
            new("oneVisit", "t.one_visit"),
            new("twoVisit", "t.two_visit"),
            new("podr", "t.podr"),
        ],
        Key: "profil",
        DefaultSort: "profil",
        Search: new BookSearch(["t.profil::text", "t.one_visit", "t.two_visit"], ["p.name"]))
    {
        NumericKey = true,
        TieBreaker = "t.profil",
        Editing = new BookEditing(
            "profile_service",
            "profil",
            [
                EditableField.IntegerKey("profil", "profil", "Код профиля"),
                new("oneVisit", "one_visit", "ПМУ посещение", FieldType.Text),
                new("twoVisit", "two_visit", "ПМУ обращение", FieldType.Text),
                new("podr", "podr", "Подразделение", FieldType.Integer),
            ])
        {
            Rules =
            [
                new MustBeUnique(["profil"], "Профиль {profil} уже есть"),
                FieldChecks.InFederalBook("profil", "V002", "Профиля"),
            ],
        },
    };
}
