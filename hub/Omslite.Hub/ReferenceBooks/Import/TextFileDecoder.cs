using System.Text;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// Decodes a text file whose encoding nobody states: bytes that are valid UTF-8 are UTF-8 (a BOM is dropped),
/// anything else is windows-1251 — what Excel on a Russian Windows writes.
/// </summary>
internal static class TextFileDecoder
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static string Decode(ReadOnlySpan<byte> bytes)
    {
        var preamble = Encoding.UTF8.Preamble;
        if (bytes.StartsWith(preamble))
        {
            bytes = bytes[preamble.Length..];
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return LegacyEncodings.Windows1251.GetString(bytes);
        }
    }
}
