using Omslite.Hub.ReferenceBooks.Api.Editing;

namespace Omslite.Hub.ReferenceBooks.Api.Books;

/// <summary>
/// "Врачи" (ui.md §2.1): add, edit, soft delete; sorted by code. A visit names its doctor by (spec, code), so that
/// pair is unique among the doctors not deleted; the pack needs the doctor's SNILS, so it is required.
/// </summary>
public static class DoctorBook
{
    private const string SnilsMessage = "Укажите СНИЛС врача (11 цифр)";

    public static readonly BookDescriptor Descriptor = new(
        "doctors",
        "Врачи",
        BookKind.Local,
        BookGroups.Local,
        From: "doctor t left join local_specialty s on s.mo_id = t.mo_id and s.spec = t.spec",
        Scope: "t.mo_id = @mo and not t.deleted",
        Columns:
        [
            new("id", "t.id", Sortable: true),
            new("code", "t.code", Sortable: true),
            new("spec", "t.spec", Sortable: true),
            new("specName", "s.name"),
            new("family", "t.family", Sortable: true),
            new("snils", "t.snils"),
            new("division", "t.division"),
            new("district", "t.district"),
            new("tabid", "t.tabid"),
            new("version", "t.version"),
        ],
        Key: "id",
        DefaultSort: "code",
        Search: new BookSearch(["t.code::text", "t.snils"], ["t.family"]))
    {
        NumericKey = true,
        Editing = new BookEditing(
            "doctor",
            "id",
            [
                new("family", "family", "Врач", FieldType.Text) { Required = true, MissingMessage = "Укажите фамилию врача" },
                new("snils", "snils", "СНИЛС", FieldType.Text)
                {
                    Required = true,
                    MissingMessage = SnilsMessage,
                    Normalize = FieldChecks.WithoutSeparators,
                    Problem = FieldChecks.Matches(@"^[0-9]{11}$", SnilsMessage),
                },
                new("code", "code", "Код", FieldType.Integer)
                {
                    Required = true,
                    MissingMessage = "Укажите код врача",
                    Problem = FieldChecks.Positive("Код врача — целое число больше 0"),
                },
                new("spec", "spec", "Специальность", FieldType.Integer) { Required = true, MissingMessage = "Укажите специальность врача" },
                new("division", "division", "Отделение", FieldType.Integer),
                new("district", "district", "Участок", FieldType.Integer),
                new("tabid", "tabid", "Таб. номер", FieldType.Integer),
            ])
        {
            SoftDelete = true,
            Versioned = true,
            Rules =
            [
                FieldChecks.InLocalSpecialties("spec"),
                new MustBeUnique(["code", "spec"], "Врач с кодом {code} и специальностью {spec} уже есть"),
            ],
        },
    };
}
