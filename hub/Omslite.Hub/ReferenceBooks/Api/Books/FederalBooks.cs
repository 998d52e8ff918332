namespace Omslite.Hub.ReferenceBooks.Api.Books;

/// <summary>
/// The federal and regional books of <c>nsi_entry</c>, shared by every MO and read-only (the NSI import fills them).
/// Every row: code, name, validity dates and the book's own fields in <c>attrs</c> (e.g. F003 <c>okato</c>,
/// F011 <c>serialTpl</c>, MKB-10 <c>oms</c>).
/// </summary>
public static class FederalBooks
{
    private const string Profile = BookGroups.Profile;
    private const string Common = BookGroups.Common;
    private const string Federal = BookGroups.Federal;

    public static readonly IReadOnlyList<BookDescriptor> All =
    [
        Book("V002", "Профили медицинской помощи (V002)", Profile),
        Book("V006", "Условия оказания медицинской помощи (V006)", Federal),
        Book("V008", "Вид помощи (V008)", Profile),
        Book("V009", "Результаты обращения (V009)", Federal),
        Book("V010", "Способы оплаты медицинской помощи (V010)", Federal),
        Book("V012", "Исходы заболевания (V012)", Federal),
        Book("V014", "Формы оказания медицинской помощи (V014)", Federal),
        Book("V021", "Медицинские специальности, PRVS (V021)", Profile),
        Book("V025", "Цели посещения (V025)", Federal),
        Book("V027", "Характер заболевания (V027)", Federal),
        Book("F002", "Страховые МО РФ (F002)", Common),
        Book("F003", "МО РФ (F003)", Common),
        Book("F008", "Типы документов ОМС (F008)", Federal),
        Book("F011", "Документ удостоверяющий личность (F011)", Common),
        Book("O002", "ОКАТО (O002)", Common),
        Book("UFMS", "Подразделения УФМС", Common),
        Book("MKB10", "МКБ-10", Profile) with
        {
            Search = new BookSearch(["t.code"], ["t.name"]) { MinLength = 3, AnyLayout = true },
        },
        Book("TFOMS_ERR", "Коды ошибок ТФОМС", Federal),
    ];

    private static BookDescriptor Book(string id, string title, string group) =>
        new(
            id,
            title,
            BookKind.Federal,
            group,
            From: "nsi_entry t",
            Scope: $"t.book = '{id}'",
            Columns:
            [
                BookColumn.Code("code", "t.code"),
                new("name", "t.name", Sortable: true),
                new("dateBeg", "t.date_beg", Sortable: true),
                new("dateEnd", "t.date_end", Sortable: true),
                new("attrs", "t.attrs"),
            ],
            Key: "code",
            DefaultSort: "code",
            Search: new BookSearch(["t.code"], ["t.name"]))
        {
            // A code with several dated versions: the newest first, and "the" row of the code is the newest.
            TieBreaker = "t.date_beg desc",
            Validity = new BookValidity("t.date_beg", "t.date_end"),
        };
}
