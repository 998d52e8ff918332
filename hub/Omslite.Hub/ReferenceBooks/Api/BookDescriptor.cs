using Omslite.Hub.ReferenceBooks.Api.Editing;

namespace Omslite.Hub.ReferenceBooks.Api;

/// <summary>Federal books are shared by every MO and read-only; local books belong to one MO.</summary>
public enum BookKind
{
    Federal,
    Local,
}

/// <summary>A field of a book's rows as the API names it, and the SQL that reads it (the book's table is <c>t</c>).</summary>
public sealed record BookColumn(string Field, string Sql, bool Sortable = false)
{
    /// <summary>What to order by when it is not <see cref="Sql"/> itself (numeric codes kept as text).</summary>
    public string? SortSql { get; init; }

    public string OrderSql => SortSql ?? Sql;

    /// <summary>A sortable text code whose numeric values ("9", "78", "25016") sort as numbers, the rest as text.</summary>
    public static BookColumn Code(string field, string sql) =>
        new(field, sql, Sortable: true) { SortSql = $@"case when {sql} ~ '^\d+$' then lpad({sql}, 20, '0') else {sql} end" };
}

/// <summary>The menu groups of ui.md §2, plus one for the federal books the original had no screen for.</summary>
public static class BookGroups
{
    public const string Local = "Локальные";
    public const string Profile = "Профильные";
    public const string Pmu = "ПМУ";
    public const string Common = "Общие";
    public const string Tariffs = "Тарифы";
    public const string Federal = "Федеральные";
}

/// <summary>
/// What <c>?q=</c> matches: the start of any of <see cref="Codes"/> or a part of any of <see cref="Names"/>, both
/// case-insensitive; and what <c>?n=</c> (a number, "at least") compares with.
/// </summary>
public sealed record BookSearch(IReadOnlyList<string> Codes, IReadOnlyList<string> Names)
{
    /// <summary>The shortest <c>q</c> the book accepts (MKB-10 and PMU codes: 3).</summary>
    public int MinLength { get; init; } = 1;

    /// <summary>Whether <c>q</c> typed in the other keyboard layout ("Ы52" for "S52") matches too.</summary>
    public bool AnyLayout { get; init; }

    /// <summary>The SQL that <c>?n=</c> is a lower bound of (PMU short number, group number), if the book has one.</summary>
    public string? AtLeast { get; init; }

    public string? Problem(string? q) =>
        q is not null && q.Length < MinLength ? $"Для поиска введите не менее {MinLength} символов" : null;
}

/// <summary>The validity dates of a book's rows: <c>?asOf=</c> keeps the rows valid on that date.</summary>
public sealed record BookValidity(string Begin, string End);

/// <summary>
/// One reference book as data: where its rows are, which belong to the caller's MO (<see cref="Scope"/>, with the
/// parameters of <see cref="Reading.BookParameters"/>), its fields, key, sorting, search and, when editable, how it
/// is edited. Every list, search and edit of every book runs through the same code with one of these.
/// </summary>
public sealed record BookDescriptor(
    string Id,
    string Title,
    BookKind Kind,
    string Group,
    string From,
    string Scope,
    IReadOnlyList<BookColumn> Columns,
    string Key,
    string DefaultSort,
    BookSearch Search)
{
    /// <summary>Whether the key is a number (an id, a code); a key that is not one finds nothing.</summary>
    public bool NumericKey { get; init; }

    /// <summary>The order after the sort field; for a key with several rows (dated versions) the first is "the" row.</summary>
    public string TieBreaker { get; init; } = "t.id";

    public BookValidity? Validity { get; init; }

    /// <summary>How admins edit the book; null for a read-only book.</summary>
    public BookEditing? Editing { get; init; }

    public BookColumn KeyColumn => Columns.First(c => c.Field == Key);

    public IReadOnlyDictionary<string, string> SortColumns => Columns.Where(c => c.Sortable).ToDictionary(c => c.Field, c => c.OrderSql);
}
