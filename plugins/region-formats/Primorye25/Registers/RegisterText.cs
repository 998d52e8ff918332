using System.Globalization;
using System.Security.Cryptography;
using Omslite.Sdk.Connectors;

namespace Omslite.RegionFormats.Primorye25.Registers;

/// <summary>The texts and names registers share (workflows.md §1.4, §1.6, §3.5).</summary>
internal static class RegisterText
{
    public static readonly string[] Months =
        ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"];

    private const string TailAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    /// <summary>"За Февраль 2022 года".</summary>
    public static string Period(ReportPeriod period) => $"За {Months[period.Month - 1]} {period.Year} года";

    /// <summary>n characters of [A-Za-z0-9] from a cryptographic generator.</summary>
    public static string Tail(int length = 5) => RandomNumberGenerator.GetString(TailAlphabet, length);

    /// <summary><c>&lt;template&gt;&lt;calc&gt;_&lt;payer&gt;_&lt;MM&gt;_&lt;YYYY&gt;_&lt;5 random&gt;.xlsx</c>.</summary>
    public static string FileName(string template, string calc, string payer, string month, int year) =>
        $"{template}{calc}_{payer}_{month}_{year.ToString(CultureInfo.InvariantCulture)}_{Tail()}.xlsx";

    public static string Mm(int month) => month.ToString("00", CultureInfo.InvariantCulture);

    /// <summary>"ИВАНОВ И. П.": the surname, then the upper-cased first letters of the first name and patronymic; a
    /// missing part leaves its place empty ("ИВАНОВ И. ."), a missing surname prints nothing (the original printed None).</summary>
    public static string Initials(string? fam, string? im, string? ot)
    {
        Span<char> i = stackalloc char[1];
        Span<char> o = stackalloc char[1];
        return $"{fam} {i[..Initial(im, i)]}. {o[..Initial(ot, o)]}.";
    }

    /// <summary>"2022-02-01~2022-02-03".</summary>
    public static string Dates(DateOnly? from, DateOnly? to) => $"{Iso(from)}~{Iso(to)}";

    public static string Iso(DateOnly? date) => date is { } d
        ? string.Create(10, d, static (text, day) =>
        {
            Digits(text[..4], day.Year);
            text[4] = '-';
            Digits(text[5..7], day.Month);
            text[7] = '-';
            Digits(text[8..], day.Day);
        })
        : "";

    /// <summary>The upper-cased first letter of a name into <paramref name="letter"/> (Russian has no casing of its
    /// own: the invariant one is the same); how many letters were written, 0 or 1.</summary>
    private static int Initial(string? name, Span<char> letter)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return 0;
        }

        letter[0] = Upper(name.AsSpan().TrimStart()[0]);
        return 1;
    }

    /// <summary>Russian and Latin letters directly (the general casing goes to ICU for every non-ASCII letter, which
    /// a register of 100 000 names feels), any other through the invariant casing.</summary>
    private static char Upper(char c) => c switch
    {
        >= 'а' and <= 'я' => (char)(c - 'а' + 'А'),
        'ё' => 'Ё',
        >= 'А' and <= 'Я' or 'Ё' or >= 'A' and <= 'Z' => c,
        _ => char.ToUpperInvariant(c),
    };

    private static void Digits(Span<char> into, int value)
    {
        for (var i = into.Length - 1; i >= 0; i--, value /= 10)
        {
            into[i] = (char)('0' + (value % 10));
        }
    }
}
