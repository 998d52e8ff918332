using System.Globalization;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// <c>yyyy-MM-dd</c>, as TFOMS files write dates: the plain ten-character form is read directly (a file of 100 000
/// records has 300 000 dates; the general parser costs a second), anything else by the exact-format parser.
/// </summary>
internal static class IsoDate
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateOnly date)
    {
        if (text.Length == 10 && text[4] == '-' && text[7] == '-'
            && Digits(text, 0, 4) is { } year and >= 1 && Digits(text, 5, 2) is { } month and >= 1 and <= 12
            && Digits(text, 8, 2) is { } day && day >= 1 && day <= DateTime.DaysInMonth(year, month))
        {
            date = new DateOnly(year, month, day);
            return true;
        }

        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }

    private static int? Digits(ReadOnlySpan<char> text, int start, int count)
    {
        var value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
            {
                return null;
            }

            value = value * 10 + text[i] - '0';
        }

        return value;
    }
}
