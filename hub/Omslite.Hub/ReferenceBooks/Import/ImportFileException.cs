namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// A file that cannot be imported. The message is for the user, in Russian, and names the file and, when known, the
/// line: "Файл F002.xml, строка 17: нет кода записи". Nothing has been written when it is thrown.
/// </summary>
public sealed class ImportFileException : FormatException
{
    public ImportFileException(string file, string problem)
        : base($"Файл {file}: {problem}")
    {
    }

    public ImportFileException(string file, int line, string problem)
        : base($"Файл {file}, строка {line}: {problem}")
    {
        Line = line;
    }

    /// <summary>The 1-based line the problem is on, when the file has lines.</summary>
    public int? Line { get; }
}
