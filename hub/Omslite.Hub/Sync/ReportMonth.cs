using System.Globalization;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Sync;

/// <summary>Parses report months as users type them: <c>YYYY-MM</c> (or <c>YYYY-MM-DD</c>), the year 20xx.</summary>
public static class ReportMonth
{
    public static ReportPeriod Parse(string text)
    {
        var value = text.Trim();
        if ((DateOnly.TryParseExact(value, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
             || DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            && date.Year is >= 2000 and <= 2099)
        {
            return new ReportPeriod(date.Year, date.Month);
        }

        throw new FormatException($"Неверный месяц: {text} (ожидается ГГГГ-ММ)");
    }

    /// <summary>Both bounds or neither, in order.</summary>
    public static (ReportPeriod? From, ReportPeriod? To) Period(string? from, string? to)
    {
        if (string.IsNullOrWhiteSpace(from) && string.IsNullOrWhiteSpace(to))
        {
            return (null, null);
        }

        var first = Parse(from ?? to!);
        var last = Parse(to ?? from!);
        return first.Year * 100 + first.Month <= last.Year * 100 + last.Month
            ? (first, last)
            : throw new FormatException($"Период задан наоборот: {first} позже {last}");
    }
}
