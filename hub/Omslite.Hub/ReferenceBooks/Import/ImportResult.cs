namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// What an import loaded: the file, the book (an NSI code such as <c>F003</c>, or <c>TARIFFS</c>), the number of rows,
/// and for tariffs the PMU entries created and the version's valid-from date.
/// </summary>
public sealed record ImportResult(string File, string Book, int Rows, int? PmuAdded, DateOnly? ValidFrom)
{
    public const string Tariffs = "TARIFFS";

    /// <summary>The result line as the original's tariff task worded it.</summary>
    public string Message => Book == Tariffs
        ? $"Файл: {File}. Добавлено ПМУ: {PmuAdded}, Тарифов: {Rows} (действуют с {ValidFrom:dd.MM.yyyy})"
        : $"Файл: {File}. Справочник {Book}: записей {Rows}";
}
