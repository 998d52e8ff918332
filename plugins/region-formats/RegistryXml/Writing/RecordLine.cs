using System.Collections.Frozen;
using System.Globalization;
using System.Text;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// One record (a ZAP, SL or PERS line, or a header element) built in memory by the tree rules of registry-pack-25.md
/// §2.1: ignored tags are never written, an empty value gives no element, a missing required value is remembered
/// (the visit then fails), and every value is tested for windows-1251 before the line is used (D2.4).
/// </summary>
/// <param name="required">The file's REQUIRED set: a name here is required at every level where it appears.</param>
/// <param name="ignored">The file's IGNORED set: never written, even with a value.</param>
/// <param name="capacity">The characters a line of this kind usually takes (a ZAP about 2 000, a PERS a few hundred):
/// a pack builds hundreds of thousands of lines.</param>
public sealed class RecordLine(FrozenSet<string> required, FrozenSet<string> ignored, int capacity = 512)
{
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create("&<>");

    private readonly StringBuilder _text = new(capacity);

    /// <summary>The first required tag that had no value.</summary>
    public string? MissingTag { get; private set; }

    /// <summary>The first tag whose value cannot be written, and why.</summary>
    public (string Tag, string Reason)? Unwritable { get; private set; }

    /// <summary>The line, without its line feed.</summary>
    public override string ToString() => _text.ToString();

    /// <summary>Empties the line for the next record: a pack run reuses its lines rather than allocating hundreds of
    /// thousands of them.</summary>
    public RecordLine Reset()
    {
        _text.Clear();
        MissingTag = null;
        Unwritable = null;
        return this;
    }

    /// <summary>The line's length in characters (in windows-1251 bytes too: one byte per character).</summary>
    public int Length => _text.Length;

    /// <summary>Writes the line in windows-1251 into <paramref name="target"/> (at least <see cref="Length"/> bytes)
    /// without making a string of it first: a pack writes hundreds of megabytes of lines. The bytes written.</summary>
    internal int EncodeTo(Span<byte> target)
    {
        var written = 0;
        foreach (var chunk in _text.GetChunks())
        {
            // Markup and most values are ASCII, which is the same bytes in windows-1251 and copies much faster; the
            // encoder takes over from the first other character.
            System.Text.Ascii.FromUtf16(chunk.Span, target[written..], out var ascii);
            written += ascii;
            if (ascii < chunk.Length)
            {
                written += Cp1251.Encoding.GetBytes(chunk.Span[ascii..], target[written..]);
            }
        }

        return written;
    }

    /// <summary>Opens a composite element.</summary>
    public RecordLine Open(string tag)
    {
        _text.Append('<').Append(tag).Append('>');
        return this;
    }

    /// <summary>Closes a composite element.</summary>
    public RecordLine Close(string tag)
    {
        _text.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A simple element with a text value.</summary>
    public RecordLine Value(string tag, string? value)
    {
        if (ignored.Contains(tag))
        {
            return this;
        }

        if (string.IsNullOrEmpty(value))
        {
            if (required.Contains(tag))
            {
                MissingTag ??= tag;
            }

            return this;
        }

        if (Unwritable is null && Cp1251.Problem(value) is { } reason)
        {
            Unwritable = (tag, reason);
        }

        _text.Append('<').Append(tag).Append('>');
        Escape(value);
        _text.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A simple element with an integer value (0 is written).</summary>
    public RecordLine Value(string tag, int? value)
    {
        if (Element(tag, value is not null))
        {
            // Formatted into a span: the interpolated, culture-aware form was a visible share of a pack's build time.
            Span<char> text = stackalloc char[11];
            value!.Value.TryFormat(text, out var length, default, CultureInfo.InvariantCulture);
            _text.Append('<').Append(tag).Append('>').Append(text[..length]).Append("</").Append(tag).Append('>');
        }

        return this;
    }

    /// <summary>A simple element with a date value, ISO.</summary>
    public RecordLine Value(string tag, DateOnly? value)
    {
        if (Element(tag, value is not null))
        {
            // yyyy-MM-dd written digit by digit: the culture-aware formatter is slow for a value of every ZAP line.
            var date = value!.Value;
            Span<char> text = stackalloc char[10];
            Digits(text[..4], date.Year);
            text[4] = '-';
            Digits(text.Slice(5, 2), date.Month);
            text[7] = '-';
            Digits(text.Slice(8, 2), date.Day);
            _text.Append('<').Append(tag).Append('>').Append(text).Append("</").Append(tag).Append('>');
        }

        return this;
    }

    /// <summary>Whether a value of <paramref name="tag"/> is written: not an ignored tag, and a value there (a missing
    /// required one is remembered). Digits and dates need neither the windows-1251 test nor escaping.</summary>
    private bool Element(string tag, bool hasValue)
    {
        if (ignored.Contains(tag))
        {
            return false;
        }

        if (!hasValue && required.Contains(tag))
        {
            MissingTag ??= tag;
        }

        return hasValue;
    }

    /// <summary>Writes <paramref name="value"/> (non-negative) into all of <paramref name="target"/>, zero-padded.</summary>
    private static void Digits(Span<char> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (char)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>Standard XML text escaping of &amp;, &lt; and &gt;; quotes stay (§1.4).</summary>
    private void Escape(string value)
    {
        // Most values have nothing to escape: appended at once.
        if (value.AsSpan().IndexOfAny(Special) < 0)
        {
            _text.Append(value);
            return;
        }

        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => _text.Append("&amp;"),
                '<' => _text.Append("&lt;"),
                '>' => _text.Append("&gt;"),
                _ => _text.Append(c),
            };
        }
    }
}
