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
    public static string Initials(string? fam, string? im, string? ot) => $"{fam} {Initial(im)}. {Initial(ot)}.";

    /// <summary>"2022-02-01~2022-02-03".</summary>
    public static string Dates(DateOnly? from, DateOnly? to) => $"{Iso(from)}~{Iso(to)}";

    public static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";

    private static string Initial(string? name) =>
        string.IsNullOrWhiteSpace(name) ? "" : char.ToUpper(name.Trim()[0], CultureInfo.GetCultureInfo("ru-RU")).ToString();
}
