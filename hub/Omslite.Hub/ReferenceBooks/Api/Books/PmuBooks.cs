using Omslite.Hub.ReferenceBooks.Api.Editing;

namespace Omslite.Hub.ReferenceBooks.Api.Books;

/// <summary>"ПМУ" and "Группы ПМУ" (ui.md §2.3). Group membership: PmuGroupMembership.</summary>
public static class PmuBooks
{
    /// <summary>
    /// The MO's simple medical services, sorted by code. <c>q</c>: a code prefix (3 characters at least, in either
    /// keyboard layout) or a name part; <c>n</c>: short numbers from n up; <c>asOf</c>: services valid that day.
    /// Add and edit.
    /// </summary>
    public static readonly BookDescriptor Pmu = new(
        "pmu",
        "ПМУ",
        BookKind.Local,
        BookGroups.Pmu,
        From: "pmu t",
        Scope: "t.mo_id = @mo",
        Columns:
        [
            new("id", "t.id", Sortable: true),
            new("code", "t.code", Sortable: true),
            new("ccode", "t.ccode", Sortable: true),
            new("name", "t.name", Sortable: true),
            new("codePodr", "t.code_podr"),
            new("codeSpec", "t.code_spec", Sortable: true),
            new("amb", "t.amb"),
            new("ds", "t.ds"),
            new("stom", "t.stom"),
            new("dateBeg", "t.date_beg"),
            new("dateEnd", "t.date_end"),
        ],
        Key: "id",
        DefaultSort: "code",
        Search: new BookSearch(["t.code"], ["t.name"]) { MinLength = 3, AnyLayout = true, AtLeast = "t.ccode" })
    {
        NumericKey = true,
        Validity = new BookValidity("t.date_beg", "t.date_end"),
        Editing = new BookEditing(
            "pmu",
            "id",
            [
                new("code", "code", "Код услуги", FieldType.Text) { Required = true },
                new("ccode", "ccode", "Номер", FieldType.Integer) { Problem = FieldChecks.Positive("Номер услуги — целое число не меньше 1") },
                new("name", "name", "Наименование", FieldType.Text) { Required = true },
                new("codePodr", "code_podr", "Подразделение", FieldType.Integer),
                new("codeSpec", "code_spec", "Специальность", FieldType.Integer),
                new("amb", "amb", "Амбулаторно", FieldType.Boolean) { Required = true, Default = true },
                new("ds", "ds", "Дневной стационар", FieldType.Boolean) { Required = true, Default = false },
                new("stom", "stom", "Стоматология", FieldType.Boolean) { Required = true, Default = false },
                new("dateBeg", "date_beg", "Дата начала", FieldType.Date),
                new("dateEnd", "date_end", "Дата окончания", FieldType.Date),
            ])
        {
            Rules =
            [
                new MustBeUnique(["code"], "Услуга с кодом {code} уже есть"),
                new MustBeUnique(["ccode"], "Номер {ccode} уже есть у другой услуги"),
                FieldChecks.InLocalSpecialties("codeSpec"),
                new MustHold(
                    "dateEnd",
                    row => row["dateBeg"] is not DateOnly begin || row["dateEnd"] is not DateOnly end || end >= begin,
                    "Дата окончания раньше даты начала"),
            ],
        },
    };

    /// <summary>PMU groups by number (id); <c>n</c>: groups from that number up. Add and rename.</summary>
    public static readonly BookDescriptor Groups = new(
        "pmu-groups",
        "Группы ПМУ",
        BookKind.Local,
        BookGroups.Pmu,
        From: "pmu_group t",
        Scope: "t.mo_id = @mo",
        Columns:
        [
            new("id", "t.id", Sortable: true),
            new("name", "t.name", Sortable: true),
            new("members", "(select count(*) from pmu_group_member m where m.group_id = t.id)"),
        ],
        Key: "id",
        DefaultSort: "id",
        Search: new BookSearch(["t.id::text"], ["t.name"]) { AtLeast = "t.id" })
    {
        NumericKey = true,
        Editing = new BookEditing("pmu_group", "id", [new("name", "name", "Имя группы", FieldType.Text) { Required = true }]),
    };
}
