using System.Text.RegularExpressions;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// Tells which book a file holds: from the type in its <c>zglv</c> header, else from the file name (V002.xml,
/// F003_2025.zip, MKB-10.xml...), else from the field names of its first record.
/// </summary>
internal static class NsiBookRecognizer
{
    public static NsiBook Recognise(string? headerType, IEnumerable<string> fileNames, NsiRecord? firstRecord, string file)
    {
        var book = NsiBooks.ByName(headerType)
            ?? fileNames.Select(ByFileName).FirstOrDefault(b => b is not null)
            ?? (firstRecord is null ? null : ByFields(firstRecord));
        return book ?? throw new ImportFileException(file,
            "не удалось определить справочник: укажите его код в заголовке (zglv/type) или в имени файла, например V002.xml");
    }

    /// <summary>The book whose code (or another of its names) begins the file name.</summary>
    public static NsiBook? ByFileName(string fileName)
    {
        var baseName = Path.GetFileNameWithoutExtension(fileName);
        return NsiBooks.All
            .SelectMany(b => b.Aliases.Select(alias => (Book: b, Alias: alias)))
            .Where(c => Regex.IsMatch(baseName, $"^{Regex.Escape(c.Alias)}(?![A-Za-z0-9])", RegexOptions.IgnoreCase))
            .OrderByDescending(c => c.Alias.Length)
            .Select(c => c.Book)
            .FirstOrDefault();
    }

    /// <summary>
    /// The book that has a code and a name field in the record and knows most of its fields; on a tie the book with
    /// fewer fields of its own (F008 IDDOC/DOCNAME versus F011 IDDoc/DocName/DocSer/DocNum).
    /// </summary>
    private static NsiBook? ByFields(NsiRecord record) =>
        NsiBooks.All
            .Where(b => b.CodeFields.Any(record.Has) && b.NameFields.Any(record.Has))
            .Select(b => (Book: b, Known: b.Fields.Count(record.Has), Own: b.Fields.Count()))
            .OrderByDescending(c => c.Known)
            .ThenBy(c => c.Own)
            .Select(c => c.Book)
            .FirstOrDefault();
}
