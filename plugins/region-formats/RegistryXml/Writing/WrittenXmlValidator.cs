using System.Xml;
using System.Xml.Schema;

namespace Omslite.RegionFormats.RegistryXml.Writing;

/// <summary>
/// Confirms that a document in the narrow form this library writes is valid, without an <see cref="XmlReader"/>:
/// the exact declaration, elements without attributes, text with only <c>&amp;amp;</c>, <c>&amp;lt;</c> and
/// <c>&amp;gt;</c>, line feeds between elements. The bytes are read once and each event goes straight to an
/// <see cref="XmlSchemaValidator"/> (what a validating reader does after parsing, at about twice the speed).
/// It never decides that a document is invalid: anything outside that form, or any schema event, is "not
/// confirmed", and the caller validates the document with a validating reader, which gives the message.
/// Used for a schema the compiler cannot turn into automata (<see cref="Compiled.SchemaCompiler"/>); the shipped
/// schemas are all confirmed by <see cref="Compiled.CompiledXmlValidator"/>.
/// </summary>
internal sealed class WrittenXmlValidator
{
    private static readonly byte[] Declaration = "<?xml version=\"1.0\" encoding=\"windows-1251\"?>"u8.ToArray();

    private readonly XmlSchemaValidator _validator;
    private readonly XmlNameTable _names;
    private readonly Stack<string> _open = new();
    private readonly char[] _name = new char[64];

    // The last name seen per slot of a cheap hash of its bytes: the same few dozen names repeat on every line, and
    // the name table's own hash of every name was a tenth of the time.
    private readonly string?[] _recent = new string?[256];
    private bool _afterEnd;
    private bool _rootClosed;

    private WrittenXmlValidator(XmlSchemaSet schemas)
    {
        _names = schemas.NameTable;
        _validator = new XmlSchemaValidator(_names, schemas, new XmlNamespaceManager(_names), XmlSchemaValidationFlags.None);
        _validator.ValidationEventHandler += (_, e) => throw new Rejected();
    }

    /// <summary>Whether the document made of <paramref name="parts"/> (each ending between two tags) is confirmed
    /// valid against <paramref name="schemas"/> (a compiled set no other validation uses meanwhile).</summary>
    public static bool Confirms(XmlSchemaSet schemas, params ReadOnlySpan<ReadOnlyMemory<byte>> parts)
    {
        if (parts.Length == 0 || !parts[0].Span.StartsWith(Declaration))
        {
            return false;
        }

        var reader = new WrittenXmlValidator(schemas);
        try
        {
            reader._validator.Initialize();
            for (var i = 0; i < parts.Length; i++)
            {
                if (!reader.Read(i == 0 ? parts[0].Span[Declaration.Length..] : parts[i].Span))
                {
                    return false;
                }
            }

            if (!reader._rootClosed)
            {
                return false;
            }

            reader._validator.EndValidation();
            return true;
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            // Not confirmed, whatever went wrong: the caller's validating reader has the last word.
            return false;
        }
    }

    private bool Read(ReadOnlySpan<byte> s)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == (byte)'<')
            {
                var end = s[i..].IndexOf((byte)'>');
                if (end < 0 || _rootClosed)
                {
                    return false;
                }

                var closing = end > 1 && s[i + 1] == (byte)'/';
                if (!Name(s.Slice(i + (closing ? 2 : 1), end - (closing ? 2 : 1)), out var name))
                {
                    return false;
                }

                if (closing)
                {
                    if (_open.Count == 0 || !ReferenceEquals(_open.Pop(), name))
                    {
                        return false;
                    }

                    _validator.ValidateEndElement(null);
                    _afterEnd = true;
                    _rootClosed = _open.Count == 0;
                }
                else
                {
                    _validator.ValidateElement(name, "", null);
                    _validator.ValidateEndOfAttributes(null);
                    _open.Push(name);
                    _afterEnd = false;
                }

                i += end + 1;
                continue;
            }

            var length = s[i..].IndexOf((byte)'<');
            var text = length < 0 ? s[i..] : s.Slice(i, length);
            if (!Text(text, atPartEnd: length < 0))
            {
                return false;
            }

            i += text.Length;
        }

        return true;
    }

    /// <summary>Line feeds after an end tag or the root's start tag (element content), or a text value.</summary>
    private bool Text(ReadOnlySpan<byte> text, bool atPartEnd)
    {
        if (!text.ContainsAnyExcept((byte)'\n'))
        {
            if (_open.Count == 0)
            {
                return !_rootClosed;
            }

            if (!_afterEnd && _open.Count != 1)
            {
                return false;
            }

            _validator.ValidateWhitespace(Cp1251.Encoding.GetString(text));
            return true;
        }

        // A value: inside an element, ending at a tag, no control characters, no raw '>' (so no "]]>"), no space-only
        // value (a reader reports it as whitespace), and no reference but the three the writer makes.
        if (atPartEnd || _open.Count == 0 || text.IndexOfAnyInRange((byte)0, (byte)31) >= 0 || text.Contains((byte)'>')
            || !text.ContainsAnyExcept((byte)' '))
        {
            return false;
        }

        // Most values are ASCII, which the ASCII decoder turns into text much faster (the same characters).
        var value = System.Text.Ascii.IsValid(text) ? System.Text.Encoding.ASCII.GetString(text) : Cp1251.Encoding.GetString(text);
        if (value.Contains('&'))
        {
            var unescaped = value.Replace("&amp;", "\u0001").Replace("&lt;", "<").Replace("&gt;", ">");
            if (unescaped.Contains('&'))
            {
                return false;
            }

            value = unescaped.Replace('\u0001', '&');
        }

        _validator.ValidateText(value);
        _afterEnd = false;
        return true;
    }

    /// <summary>An element name of ASCII letters, digits and '_' (a letter or '_' first), atomized.</summary>
    private bool Name(ReadOnlySpan<byte> bytes, out string name)
    {
        name = "";
        if (bytes.Length is 0 || bytes.Length > _name.Length || !(char.IsAsciiLetter((char)bytes[0]) || bytes[0] == (byte)'_'))
        {
            return false;
        }

        var slot = (bytes.Length * 31 + bytes[0] * 7 + bytes[^1] * 3 + bytes[bytes.Length / 2]) & 255;
        if (_recent[slot] is { } recent && Same(recent, bytes))
        {
            name = recent;
            return true;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            var c = (char)bytes[i];
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                return false;
            }

            _name[i] = c;
        }

        name = _names.Add(_name, 0, bytes.Length);
        _recent[slot] = name;
        return true;
    }

    /// <summary>Whether an ASCII name is these bytes.</summary>
    private static bool Same(string name, ReadOnlySpan<byte> bytes)
    {
        if (name.Length != bytes.Length)
        {
            return false;
        }

        for (var i = 0; i < bytes.Length; i++)
        {
            if (name[i] != bytes[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A schema event: the document is not confirmed.</summary>
    private sealed class Rejected : Exception;
}
