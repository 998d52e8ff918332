using System.Globalization;
using System.Text;

namespace Omslite.Hub.Returns;

/// <summary>
/// CSV as D4 has it: separator <c>;</c>, a header row, UTF-8 with BOM (so Excel opens Cyrillic correctly), a value
/// quoted only when it holds <c>;</c>, <c>"</c>, CR or LF (quotes doubled), nulls empty, dates YYYY-MM-DD, CRLF line ends.
/// </summary>
public static class Csv
{
    public static void Write(Stream output, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), leaveOpen: true) { NewLine = "\r\n" };
        writer.WriteLine(string.Join(';', header.Select(Quote)));
        foreach (var row in rows)
        {
            writer.WriteLine(string.Join(';', row.Select(v => Quote(Text(v)))));
        }
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
