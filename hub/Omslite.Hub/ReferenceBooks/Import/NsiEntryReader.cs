namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// Turns the records of a file into the entries of one book, checking every record first: a code and a name, dates
/// that parse, an end not before the start, no code repeated with the same start date. The first bad record stops
/// the import with its line.
/// </summary>
internal static class NsiEntryReader
{
    public static IReadOnlyList<NsiEntry> Read(NsiBook book, IReadOnlyList<NsiRecord> records, string file)
    {
        var entries = new List<NsiEntry>(records.Count);
        var seen = new Dictionary<(string Code, DateOnly Begin), int>();
        foreach (var record in records)
        {
            var entry = ToEntry(book, record, file);
            if (seen.TryGetValue((entry.Code, entry.Begin), out var index))
            {
                entries[index] = book.JoinsRepeatedCodes
                    ? entries[index] with { Name = $"{entries[index].Name}; {entry.Name}" }
                    : throw new ImportFileException(file, record.Line,
                        $"код «{entry.Code}» с датой начала {entry.Begin:dd.MM.yyyy} уже был в файле");
                continue;
            }

            seen.Add((entry.Code, entry.Begin), entries.Count);
            entries.Add(entry);
        }

        return entries;
    }

    private static NsiEntry ToEntry(NsiBook book, NsiRecord record, string file)
    {
        var code = record.First(book.CodeFields)?.Value
            ?? throw new ImportFileException(file, record.Line, $"нет кода записи (поле {book.CodeFields[0]})");
        var name = record.First(book.NameFields)?.Value
            ?? throw new ImportFileException(file, record.Line, $"нет наименования записи с кодом «{code}» (поле {book.NameFields[0]})");
        var begin = ReadDate(record, book.BeginFields, file) ?? NsiEntry.OpenBegin;
        var end = ReadDate(record, book.EndFields, file);
        if (end < begin)
        {
            throw new ImportFileException(file, record.First(book.EndFields)!.Line,
                $"дата окончания {end:dd.MM.yyyy} раньше даты начала {begin:dd.MM.yyyy} у кода «{code}»");
        }

        var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (field, key) in book.Attributes)
        {
            if (record.First([field]) is { } value)
            {
                attributes[key] = value.Value;
            }
        }

        return new NsiEntry(code, name, begin, end, attributes);
    }

    private static DateOnly? ReadDate(NsiRecord record, IReadOnlyList<string> fields, string file)
    {
        if (record.First(fields) is not { } field)
        {
            return null;
        }

        return NsiDate.TryParse(field.Value, out var date)
            ? date
            : throw new ImportFileException(file, field.Line, $"неверная дата «{field.Value}»: ожидается ДД.ММ.ГГГГ");
    }
}
