using System.Globalization;
using System.Text.RegularExpressions;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>One tariff of the CSV: the PMU code, its cleaned name and its price in roubles.</summary>
public sealed record TariffRow(int Line, string Code, string Name, decimal Price);

/// <summary>
/// The PMU mutual-settlement tariff file (workflows.md §6): <c>code;name;price</c> per line, UTF-8 or windows-1251,
/// with or without a header line, '.' or ',' as the decimal separator. The whole file is checked before anything is
/// written; the first bad line stops the import with its number.
/// </summary>
internal static partial class TariffCsv
{
    public const long MaxBytes = 50L * 1024 * 1024;

    public static IReadOnlyList<TariffRow> Read(ReadOnlySpan<byte> bytes, string file)
    {
        var lines = TextFileDecoder.Decode(bytes).Split('\n');
        var rows = new List<TariffRow>();
        var firstLineOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        var first = true;
        for (var i = 0; i < lines.Length; i++)
        {
            var number = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var header = first && IsHeader(line);
            first = false;
            if (header)
            {
                continue;
            }

            var row = Parse(line, number, file);
            if (!firstLineOfCode.TryAdd(row.Code, number))
            {
                throw new ImportFileException(file, number, $"код услуги {row.Code} повторяется (уже был в строке {firstLineOfCode[row.Code]})");
            }

            rows.Add(row);
        }

        return rows.Count > 0 ? rows : throw new ImportFileException(file, "в файле нет ни одной строки тарифов");
    }

    /// <summary>A first line whose code is not a code and whose price is not a number is the column header.</summary>
    private static bool IsHeader(string line)
    {
        var fields = Fields(line);
        return fields.Count >= 3
            && !CodePattern().IsMatch(NormaliseCode(fields[0]))
            && !PricePattern().IsMatch(NormalisePrice(fields[^1]));
    }

    private static TariffRow Parse(string line, int number, string file)
    {
        var fields = Fields(line);
        if (fields.Count < 3)
        {
            throw new ImportFileException(file, number, "ожидается три поля через «;»: код;наименование;цена");
        }

        var code = NormaliseCode(fields[0]);
        if (!CodePattern().IsMatch(code))
        {
            throw new ImportFileException(file, number, $"некорректный код услуги «{code}»");
        }

        // A ';' inside the name only splits the middle: the code is the first field, the price the last.
        var name = CleanName(string.Join(';', fields.Skip(1).Take(fields.Count - 2)));
        if (name.Length == 0)
        {
            throw new ImportFileException(file, number, $"нет наименования услуги {code}");
        }

        var priceText = NormalisePrice(fields[^1]);
        if (priceText.StartsWith('-'))
        {
            throw new ImportFileException(file, number, $"отрицательная цена «{fields[^1].Trim()}» у услуги {code}");
        }

        if (!PricePattern().IsMatch(priceText))
        {
            throw new ImportFileException(file, number,
                $"неверная цена «{fields[^1].Trim()}» у услуги {code}: ожидается число не меньше 0 с точностью до копеек");
        }

        return new TariffRow(number, code, name, decimal.Parse(priceText, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));
    }

    /// <summary>The fields of a line; empty fields after the price (a trailing ';' from a spreadsheet) are dropped.</summary>
    private static List<string> Fields(string line)
    {
        var fields = line.Split(';').ToList();
        while (fields.Count > 3 && string.IsNullOrWhiteSpace(fields[^1]))
        {
            fields.RemoveAt(fields.Count - 1);
        }

        return fields;
    }

    /// <summary>Trimmed and upper-cased; a Cyrillic 'А' typed in place of the Latin one is taken as Latin.</summary>
    private static string NormaliseCode(string code) => code.Trim().ToUpperInvariant().Replace('А', 'A');

    /// <summary>The spec's cleaning: trimmed, without the characters \ " ' &amp; { } [ ] % ( ).</summary>
    private static string CleanName(string name) => UnwantedNameCharacters().Replace(name, "").Trim();

    /// <summary>Spaces (thousands separators) dropped, a decimal comma read as a point.</summary>
    private static string NormalisePrice(string price) =>
        price.Trim().Replace(" ", "").Replace("\u00A0", "").Replace(',', '.');

    // The PMU nomenclature code (order 804н): A05.23.009, A06.03.062.001, A05.04.001.001.002.
    [GeneratedRegex(@"^A\d\d\.\d\d\.\d\d\d(\.\d\d\d(\.\d\d\d)?)?$")]
    private static partial Regex CodePattern();

    // numeric(12, 2): at most 10 digits before the point and 2 after.
    [GeneratedRegex(@"^\d{1,10}(\.\d{1,2})?$")]
    private static partial Regex PricePattern();

    [GeneratedRegex(@"[\\""'&{}\[\]%()]")]
    private static partial Regex UnwantedNameCharacters();
}
