
namespace Omslite.RegionFormats.RegistryXml.Writing.Compiled;

/// <summary>
/// The check of one simple type's value, read straight from the written bytes: a type derived by restriction from
/// <c>xs:string</c> (whitespace preserved, so the value is the text as written) with length, minLength, maxLength,
/// pattern and enumeration facets on any step of its derivation (every step's facets must hold), plus an element's
/// fixed value; or <c>xs:date</c> itself (<see cref="StrictDate"/>). A value is never confirmed when it is empty, only
/// spaces, or holds a control character, a raw <c>&gt;</c>, byte 0x98 (no windows-1251 character) or a reference other
/// than the writer's three (<c>&amp;amp; &amp;lt; &amp;gt;</c>).
/// </summary>
internal sealed class SimpleValueCheck
{
    /// <summary>Values longer than this are not confirmed (a decoded copy is made on the stack).</summary>
    private const int MaxDecoded = 4096;

    private readonly bool _date;
    private readonly int _minLength;
    private readonly int _maxLength;
    private readonly ByteDfa[] _patterns;
    private readonly byte[][]? _enumeration;

    /// <summary>The check of an <c>xs:date</c>.</summary>
    public static SimpleValueCheck Date { get; } = new(true, 0, int.MaxValue, [], null);

    /// <param name="date">An xs:date (nothing else applies).</param>
    /// <param name="minLength">The least number of characters.</param>
    /// <param name="maxLength">The greatest number of characters.</param>
    /// <param name="patterns">Automata that must all match (one per derivation step with patterns).</param>
    /// <param name="enumeration">The windows-1251 bytes of the allowed values, or null for any value (an allowed
    /// value windows-1251 cannot encode is left out: no written value can be it).</param>
    public SimpleValueCheck(bool date, int minLength, int maxLength, ByteDfa[] patterns, byte[][]? enumeration)
    {
        _date = date;
        _minLength = minLength;
        _maxLength = maxLength;
        _patterns = patterns;
        _enumeration = enumeration;
    }

    /// <summary>The same check with the value also required to be one of <paramref name="values"/> (an element's
    /// fixed value).</summary>
    public SimpleValueCheck Restricted(byte[][] values) =>
        _date ? throw new UnsupportedSchemaException("a fixed xs:date")
            : new(false, _minLength, _maxLength, _patterns, _enumeration is null ? values : [.. values.Where(v => _enumeration.Any(e => e.AsSpan().SequenceEqual(v)))]);

    /// <summary>Checks the value that starts at <paramref name="start"/> (not a tag) and ends at the next
    /// <c>&lt;</c>: where it ends, or -1 when it is not confirmed or has no end in <paramref name="text"/>.</summary>
    public int MatchUntilTag(ReadOnlySpan<byte> text, int start)
    {
        if (_date)
        {
            return StrictDate.MatchUntilTag(text, start);
        }

        // The usual case, a type with a pattern only: one pass over the bytes. The pattern's alphabet has no
        // control characters, spaces, references, '>' or non-ASCII, so a match is a well-formed value as it stands.
        if (_patterns.Length == 1 && _enumeration is null && _minLength == 0 && _maxLength == int.MaxValue)
        {
            return _patterns[0].MatchUntilTag(text, start);
        }

        // One pass to the end of the value, refusing what the written form never has (values are short: a loop
        // beats several vectorised searches).
        var end = start;
        var spacesOnly = true;
        var reference = false;
        for (; end < text.Length; end++)
        {
            var b = text[end];
            if (b == (byte)'<')
            {
                break;
            }

            if (b < 0x20 || b == (byte)'>' || b == 0x98)
            {
                return -1;
            }

            spacesOnly &= b == (byte)' ';
            reference |= b == (byte)'&';
        }

        if (end == text.Length || end == start || spacesOnly)
        {
            return -1;
        }

        var raw = text[start..end];
        return (reference ? HoldsDecoded(raw) : Holds(raw)) ? end : -1;
    }

    /// <summary>Whether the facets hold for a value with references, once they are replaced by their characters
    /// (kept apart from the usual path, which then needs no stack buffer).</summary>
    private bool HoldsDecoded(ReadOnlySpan<byte> raw)
    {
        if (raw.Length > MaxDecoded)
        {
            return false;
        }

        Span<byte> decoded = stackalloc byte[raw.Length];
        var n = Decode(raw, decoded);
        return n >= 0 && Holds(decoded[..n]);
    }

    /// <summary>Whether the facets hold for a value of windows-1251 bytes, one byte per character.</summary>
    private bool Holds(ReadOnlySpan<byte> value)
    {
        if (value.Length < _minLength || value.Length > _maxLength)
        {
            return false;
        }

        foreach (var pattern in _patterns)
        {
            if (!pattern.Matches(value))
            {
                return false;
            }
        }

        if (_enumeration is null)
        {
            return true;
        }

        foreach (var allowed in _enumeration)
        {
            if (value.SequenceEqual(allowed))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The value with the writer's three references replaced by their characters; -1 for any other
    /// reference.</summary>
    private static int Decode(ReadOnlySpan<byte> raw, Span<byte> decoded)
    {
        var n = 0;
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] != (byte)'&')
            {
                decoded[n++] = raw[i];
                continue;
            }

            var rest = raw[i..];
            if (rest.StartsWith("&amp;"u8))
            {
                decoded[n++] = (byte)'&';
                i += 4;
            }
            else if (rest.StartsWith("&lt;"u8))
            {
                decoded[n++] = (byte)'<';
                i += 3;
            }
            else if (rest.StartsWith("&gt;"u8))
            {
                decoded[n++] = (byte)'>';
                i += 3;
            }
            else
            {
                return -1;
            }
        }

        return n;
    }
}
