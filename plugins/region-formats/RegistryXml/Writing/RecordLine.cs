using System.Buffers;
using System.Collections.Frozen;
using System.Text;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// One record (a ZAP, SL or PERS line, or a header element) built in memory by the tree rules of registry-pack-25.md
/// §2.1: ignored tags are never written, an empty value gives no element, a missing required value is remembered
/// (the visit then fails), and every value is tested for windows-1251 before the line is used (D2.4).
/// The line is kept as its windows-1251 bytes, written as it is built: a pack builds hundreds of megabytes of lines,
/// and text first then bytes was a second pass over all of them.
/// </summary>
/// <param name="required">The file's REQUIRED set: a name here is required at every level where it appears.</param>
/// <param name="ignored">The file's IGNORED set: never written, even with a value.</param>
/// <param name="capacity">The bytes a line of this kind usually takes (a ZAP about 2 000, a PERS a few hundred):
/// a pack builds hundreds of thousands of lines.</param>
public sealed class RecordLine(FrozenSet<string> required, FrozenSet<string> ignored, int capacity = 512)
{
    private static readonly SearchValues<char> Special = SearchValues.Create("&<>");

    // What each tag needs (its markup, whether it is ignored or required), looked up once per tag and line: by the
    // tag's position in the line first — a line of a kind is built by the same calls for every case, so the tag at a
    // position is nearly always the one seen there last time — else by name. The sets' own lookups, for every element
    // of every line, were a visible share of a pack's build.
    private readonly Dictionary<string, TagBytes> _tags = new(StringComparer.Ordinal);
    private TagBytes?[] _byPosition = new TagBytes?[64];
    private int _position;

    private byte[] _bytes = new byte[Math.Max(capacity, 16)];
    private int _length;

    /// <summary>The first required tag that had no value.</summary>
    public string? MissingTag { get; private set; }

    /// <summary>The first tag whose value cannot be written, and why.</summary>
    public (string Tag, string Reason)? Unwritable { get; private set; }

    /// <summary>The line's length in bytes (windows-1251: one byte per character).</summary>
    public int Length => _length;

    /// <summary>The line in windows-1251, without its line feed; valid until the line is changed.</summary>
    internal ReadOnlySpan<byte> Bytes => _bytes.AsSpan(0, _length);

    /// <summary>The line, without its line feed (a character that could not be written shows as '?').</summary>
    public override string ToString() => Cp1251.Encoding.GetString(Bytes);

    /// <summary>Empties the line for the next record: a pack run reuses its lines rather than allocating hundreds of
    /// thousands of them.</summary>
    public RecordLine Reset()
    {
        _length = 0;
        _position = 0;
        MissingTag = null;
        Unwritable = null;
        return this;
    }

    /// <summary>Opens a composite element.</summary>
    public RecordLine Open(string tag)
    {
        Append(Tag(tag).Open);
        return this;
    }

    /// <summary>Closes a composite element.</summary>
    public RecordLine Close(string tag)
    {
        Append(Tag(tag).Close);
        return this;
    }

    /// <summary>A simple element with a text value.</summary>
    public RecordLine Value(string tag, string? value)
    {
        var bytes = Tag(tag);
        if (!Element(bytes, !string.IsNullOrEmpty(value)))
        {
            return this;
        }

        var problem = Cp1251.Problem(value!);
        if (problem is not null && Unwritable is null)
        {
            Unwritable = (tag, problem);
        }

        Append(bytes.Open);
        if (problem is not null)
        {
            // The line will not be used (the visit fails, a header stops the run): its length and the tags around
            // are all that matter, and the encoder would throw on this value.
            Reserve(value!.Length);
            _bytes.AsSpan(_length, value.Length).Fill((byte)'?');
            _length += value.Length;
        }
        else if (value!.AsSpan().IndexOfAny(Special) < 0)
        {
            AppendText(value);
        }
        else
        {
            Escape(value);
        }

        Append(bytes.Close);
        return this;
    }

    /// <summary>A simple element with an integer value (0 is written).</summary>
    public RecordLine Value(string tag, int? value)
    {
        var bytes = Tag(tag);
        if (Element(bytes, value is not null))
        {
            Append(bytes.Open);
            Reserve(11);
            value!.Value.TryFormat(_bytes.AsSpan(_length), out var written, default, System.Globalization.CultureInfo.InvariantCulture);
            _length += written;
            Append(bytes.Close);
        }

        return this;
    }

    /// <summary>A simple element with a date value, ISO.</summary>
    public RecordLine Value(string tag, DateOnly? value)
    {
        var bytes = Tag(tag);
        if (Element(bytes, value is not null))
        {
            // yyyy-MM-dd written digit by digit: the culture-aware formatter is slow for a value of every ZAP line.
            var date = value!.Value;
            Append(bytes.Open);
            Reserve(10);
            var text = _bytes.AsSpan(_length, 10);
            Digits(text[..4], date.Year);
            text[4] = (byte)'-';
            Digits(text.Slice(5, 2), date.Month);
            text[7] = (byte)'-';
            Digits(text.Slice(8, 2), date.Day);
            _length += 10;
            Append(bytes.Close);
        }

        return this;
    }

    /// <summary>Whether a value of the tag is written: not an ignored tag, and a value there (a missing required one
    /// is remembered).</summary>
    private bool Element(TagBytes tag, bool hasValue)
    {
        if (tag.Ignored)
        {
            return false;
        }

        if (!hasValue && tag.Required)
        {
            MissingTag ??= tag.Name;
        }

        return hasValue;
    }

    private TagBytes Tag(string tag)
    {
        var position = _position++;
        if (position < _byPosition.Length && _byPosition[position] is { } seen && ReferenceEquals(seen.Name, tag))
        {
            return seen;
        }

        if (!_tags.TryGetValue(tag, out var bytes))
        {
            bytes = new TagBytes(tag, ignored.Contains(tag), required.Contains(tag));
            _tags.Add(tag, bytes);
        }

        if (position >= _byPosition.Length)
        {
            Array.Resize(ref _byPosition, Math.Max(position + 1, _byPosition.Length * 2));
        }

        _byPosition[position] = bytes;
        return bytes;
    }

    private void Reserve(int bytes)
    {
        if (_length + bytes > _bytes.Length)
        {
            Array.Resize(ref _bytes, Math.Max(_length + bytes, _bytes.Length * 2));
        }
    }

    private void Append(ReadOnlySpan<byte> bytes)
    {
        Reserve(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(_length));
        _length += bytes.Length;
    }

    /// <summary>A value known to be writable, in windows-1251.</summary>
    private void AppendText(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        var target = _bytes.AsSpan(_length);
        // Markup and most values are ASCII, which is the same bytes in windows-1251 and copies much faster; the
        // encoder takes over from the first other character.
        Ascii.FromUtf16(text, target, out var ascii);
        _length += ascii < text.Length ? ascii + Cp1251.Encoding.GetBytes(text[ascii..], target[ascii..]) : ascii;
    }

    /// <summary>Writes <paramref name="value"/> (non-negative) into all of <paramref name="target"/>, zero-padded.</summary>
    private static void Digits(Span<byte> target, int value)
    {
        for (var i = target.Length - 1; i >= 0; i--)
        {
            target[i] = (byte)('0' + value % 10);
            value /= 10;
        }
    }

    /// <summary>Standard XML text escaping of &amp;, &lt; and &gt;; quotes stay (§1.4).</summary>
    private void Escape(ReadOnlySpan<char> value)
    {
        while (value.IndexOfAny(Special) is var next && next >= 0)
        {
            AppendText(value[..next]);
            Append(value[next] switch
            {
                '&' => "&amp;"u8,
                '<' => "&lt;"u8,
                _ => "&gt;"u8,
            });
            value = value[(next + 1)..];
        }

        AppendText(value);
    }

    /// <summary>A tag's markup in bytes and what the file's sets say of it.</summary>
    private sealed class TagBytes(string name, bool ignored, bool required)
    {
        public string Name { get; } = name;

        public bool Ignored { get; } = ignored;

        public bool Required { get; } = required;

        public byte[] Open { get; } = Encoding.ASCII.GetBytes($"<{name}>");

        public byte[] Close { get; } = Encoding.ASCII.GetBytes($"</{name}>");
    }
}
