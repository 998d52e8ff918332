using System.Text;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>windows-1251, the files' encoding, and the test of D2.4: can a value be written at all?</summary>
public static class Cp1251
{
    /// <summary>The encoding; it throws rather than writing a replacement character.</summary>
    public static readonly Encoding Encoding = Create();

    private static readonly bool[] Writable = BuildTable();

    /// <summary>What is wrong with a value, or null when it can be written: a character windows-1251 has no byte for,
    /// or a control character (it would break the one-record-per-line layout or the XML).</summary>
    public static string? Problem(string value)
    {
        // Printable ASCII, the most common value, is written as it is: checked at once.
        if (value.AsSpan().IndexOfAnyExceptInRange(' ', '\u007f') < 0)
        {
            return null;
        }

        foreach (var c in value)
        {
            if (c < ' ')
            {
                return "недопустимый управляющий символ";
            }

            if (!Writable[c])
            {
                return "символ не кодируется в windows-1251";
            }
        }

        return null;
    }

    private static Encoding Create()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1251, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
    }

    /// <summary>
    /// Which characters windows-1251 has a byte for: every character encoded in one call with a replacement
    /// fallback, which replaces exactly where the exception fallback throws (a throw per character would take
    /// seconds).
    /// </summary>
    private static bool[] BuildTable()
    {
        const char marker = '?';
        var probe = Encoding.GetEncoding(1251, new EncoderReplacementFallback(marker.ToString()), DecoderFallback.ExceptionFallback);
        var chars = new char[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            // A lone surrogate is never writable; it is probed as the marker and marked below.
            chars[c] = char.IsSurrogate((char)c) ? marker : (char)c;
        }

        var bytes = probe.GetBytes(chars);
        var table = new bool[char.MaxValue + 1];
        for (var c = 0; c <= char.MaxValue; c++)
        {
            table[c] = !char.IsSurrogate((char)c) && (bytes[c] != (byte)marker || c == marker);
        }

        return table;
    }
}
