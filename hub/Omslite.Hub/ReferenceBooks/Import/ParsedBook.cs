namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>An NSI file read and checked: which book it is, the version its header states, and its entries.</summary>
internal sealed record ParsedBook(NsiBook Book, string? Version, IReadOnlyList<NsiEntry> Entries)
{
    /// <param name="xml">the XML content</param>
    /// <param name="file">how messages name the file</param>
    /// <param name="names">file names that may tell the book, best first</param>
    public static ParsedBook Read(Stream xml, string file, IEnumerable<string> names)
    {
        var content = NsiXmlReader.Read(xml, file);
        var book = NsiBookRecognizer.Recognise(content.Type, names, content.Records.FirstOrDefault(), file);
        if (content.Records.Count == 0)
        {
            throw new ImportFileException(file, $"нет ни одной записи справочника {book.Code} (элементов <{book.RecordElement}>)");
        }

        return new ParsedBook(book, content.Version, NsiEntryReader.Read(book, content.Records, file));
    }
}
