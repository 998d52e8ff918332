namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// How one reference book is written in its XML file: the record element, the field holding the code, the name and
/// the validity dates (the first present of each list wins), and the extra fields kept in <c>attrs</c>
/// (file field → attrs key). Field names are matched case-insensitively.
/// </summary>
public sealed record NsiBook(
    string Code,
    string Name,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> CodeFields,
    IReadOnlyList<string> NameFields,
    IReadOnlyList<string> BeginFields,
    IReadOnlyList<string> EndFields,
    IReadOnlyDictionary<string, string> Attributes)
{
    public string RecordElement { get; init; } = "zap";

    /// <summary>
    /// A code may repeat with the same start date; the names are then joined (the TFOMS error book lists some codes
    /// twice). In every other book a repeated code is an error.
    /// </summary>
    public bool JoinsRepeatedCodes { get; init; }

    /// <summary>Every field name this book knows.</summary>
    public IEnumerable<string> Fields =>
        CodeFields.Concat(NameFields).Concat(BeginFields).Concat(EndFields).Concat(Attributes.Keys)
            .Distinct(StringComparer.OrdinalIgnoreCase);
}
