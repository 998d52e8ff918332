using System.Globalization;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// Dates of NSI files: FFOMS writes <c>dd.MM.yyyy</c>; newer files use ISO <c>yyyy-MM-dd</c>. A time part after the
/// date (" 0:00:00" or "T00:00:00") is ignored.
/// </summary>
internal static class NsiDate
{
    private static readonly string[] Formats = ["dd.MM.yyyy", "d.M.yyyy", "yyyy-MM-dd"];

    public static bool TryParse(string text, out DateOnly date)
    {
        var value = text.Trim();
        var time = value.IndexOfAny([' ', 'T']);
        if (time > 0)
        {
            value = value[..time];
        }

        return DateOnly.TryParseExact(value, Formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
    }
}
