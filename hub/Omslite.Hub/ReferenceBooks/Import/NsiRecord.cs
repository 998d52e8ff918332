namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>One field of a record as the file has it: its text and the line it is on.</summary>
internal sealed record NsiField(string Value, int Line);

/// <summary>
/// One record (<c>&lt;zap&gt;</c>) of an NSI XML file before it is known which book it belongs to: its simple child
/// elements by name, case-insensitive (F002/F003 use lower-case names, other books upper-case).
/// </summary>
internal sealed class NsiRecord(int line, IReadOnlyDictionary<string, NsiField> fields)
{
    public int Line { get; } = line;

    public IReadOnlyDictionary<string, NsiField> Fields { get; } = fields;

    /// <summary>The first of the named fields that is present and not blank.</summary>
    public NsiField? First(IEnumerable<string> names)
    {
        foreach (var name in names)
        {
            if (Fields.TryGetValue(name, out var field) && field.Value.Length > 0)
            {
                return field;
            }
        }

        return null;
    }

    public bool Has(string name) => Fields.ContainsKey(name);
}
