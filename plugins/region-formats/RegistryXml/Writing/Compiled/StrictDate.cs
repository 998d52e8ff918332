namespace Omslite.RegionFormats.RegistryXml.Writing.Compiled;

/// <summary>
/// An <c>xs:date</c> in the one form the writer makes: <c>YYYY-MM-DD</c>, a real day of the (proleptic Gregorian)
/// calendar, years 1000–9999, no time zone, no spaces. The type allows more (time zones, surrounding whitespace, other
/// years); those values are simply not confirmed.
/// </summary>
internal static class StrictDate
{
    /// <summary>Whether the ten bytes at <paramref name="start"/> are such a date followed by <c>&lt;</c>: where the
    /// value ends, or -1.</summary>
    public static int MatchUntilTag(ReadOnlySpan<byte> text, int start)
    {
        if (start + 10 >= text.Length || text[start + 10] != (byte)'<')
        {
            return -1;
        }

        var v = text.Slice(start, 10);
        if (v[4] != (byte)'-' || v[7] != (byte)'-'
            || !Digits(v[..4], out var year) || !Digits(v.Slice(5, 2), out var month) || !Digits(v.Slice(8, 2), out var day))
        {
            return -1;
        }

        return year >= 1000 && month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(year, month) ? start + 10 : -1;
    }

    private static bool Digits(ReadOnlySpan<byte> bytes, out int value)
    {
        value = 0;
        foreach (var b in bytes)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }

            value = (value * 10) + (b - '0');
        }

        return true;
    }
}
