namespace Omslite.Hub.ReferenceBooks;

/// <summary>
/// One row of a federal or regional reference book: a code, its name, the dates it is valid (an open end when
/// <see cref="End"/> is null) and the book's own extra fields (e.g. F003 <c>okato</c>, F011 <c>serialTpl</c>).
/// </summary>
public sealed record NsiEntry(string Code, string Name, DateOnly Begin, DateOnly? End, IReadOnlyDictionary<string, string> Attributes)
{
    /// <summary>The start date of an entry whose file gives none (the column default of <c>nsi_entry.date_beg</c>).</summary>
    public static readonly DateOnly OpenBegin = new(1900, 1, 1);

    public bool IsValidOn(DateOnly date) => Begin <= date && (End is null || date <= End);
}
