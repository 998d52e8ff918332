namespace Omslite.RegionFormats.RegistryXml.Writing.Compiled;

/// <summary>
/// Confirms that a document in the narrow form the writer makes (the form <see cref="WrittenXmlValidator"/> reads: the
/// exact declaration, elements without attributes, text with only <c>&amp;amp; &amp;lt; &amp;gt;</c>, line feeds
/// before the root and between its children) is valid against a <see cref="CompiledSchema"/>, straight from the bytes: each start tag is a
/// step of its parent's content model, each value is checked by its type's <see cref="SimpleValueCheck"/>, each end
/// tag must close the open element where its model may end. Names are compared as bytes; nothing is allocated per
/// element. Like <see cref="WrittenXmlValidator"/> it never decides that a document is invalid: "false" sends the
/// pack to the validating reader, which gives the message.
/// </summary>
internal sealed class CompiledXmlValidator
{
    private const int MaxDepth = 64;

    /// <summary>The bytes of a name: ASCII letters, digits and '_'.</summary>
    private static readonly bool[] NameByte = Enumerable.Range(0, 256).Select(b => char.IsAsciiLetterOrDigit((char)b) || b == '_').ToArray();

    private static ReadOnlySpan<byte> Declaration => "<?xml version=\"1.0\" encoding=\"windows-1251\"?>"u8;

    private readonly CompiledSchema _schema;
    private readonly CompiledElement[] _elements;

    // The open elements: each one's declaration and the state of its content model (for a simple type: whether its
    // value was seen, 1, or not yet, 0).
    private readonly int[] _open = new int[MaxDepth];
    private readonly int[] _state = new int[MaxDepth];

    // Per state of each content model, the name (its number + 1) of the child last seen there: the records of a file
    // repeat the same sequence of elements, so a start tag is nearly always that name, confirmed by a byte compare
    // without scanning and looking the name up.
    private readonly int[] _seenNext;
    private int _depth;
    private bool _rootClosed;

    private CompiledXmlValidator(CompiledSchema schema)
    {
        _schema = schema;
        _elements = schema.Elements;
        _seenNext = new int[schema.ModelStates];
    }

    /// <summary>Whether the document made of <paramref name="parts"/> (each ending between two tags, or inside the
    /// line feeds between them) is confirmed valid.</summary>
    public static bool Confirms(CompiledSchema schema, params ReadOnlySpan<ReadOnlyMemory<byte>> parts)
    {
        if (parts.Length == 0 || !parts[0].Span.StartsWith(Declaration))
        {
            return false;
        }

        var validator = new CompiledXmlValidator(schema);
        for (var i = 0; i < parts.Length; i++)
        {
            if (!validator.Read(i == 0 ? parts[0].Span[Declaration.Length..] : parts[i].Span))
            {
                return false;
            }
        }

        return validator._rootClosed;
    }

    private bool Read(ReadOnlySpan<byte> s)
    {
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == (byte)'<')
            {
                i = i + 1 < s.Length && s[i + 1] == (byte)'/' ? End(s, i) : Start(s, i);
            }
            else if (s[i] == (byte)'\n')
            {
                i = LineFeeds(s, i);
            }
            else
            {
                i = Value(s, i);
            }

            if (i < 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>A start tag at <paramref name="i"/>: a name of ASCII letters, digits and '_' and '&gt;'.</summary>
    private int Start(ReadOnlySpan<byte> s, int i)
    {
        if (_rootClosed || _depth == MaxDepth)
        {
            return -1;
        }

        if (_depth == 0)
        {
            var (rootName, rootEnd) = Name(s, i);
            var root = _schema.Root(rootName);
            return root < 0 ? -1 : Push(root, rootEnd);
        }

        var parent = _depth - 1;
        if (_elements[_open[parent]].Model is not { } model)
        {
            return -1;
        }

        var slot = _schema.StateSlot(_open[parent], _state[parent]);
        int name;
        int end;
        if (_seenNext[slot] - 1 is var seen && seen >= 0 && _schema.Names[seen] is var bytes
            && i + 1 + bytes.Length < s.Length && s[i + 1 + bytes.Length] == (byte)'>' && s.Slice(i + 1, bytes.Length).SequenceEqual(bytes))
        {
            (name, end) = (seen, i + 1 + bytes.Length);
        }
        else
        {
            (name, end) = Name(s, i);
            _seenNext[slot] = name + 1;
        }

        var step = name < 0 ? -1 : model.Step(_state[parent], name);
        if (step < 0)
        {
            return -1;
        }

        _state[parent] = step & 0xFFFF;
        return Push(step >> 16, end);
    }

    /// <summary>The number of the name of the start tag at <paramref name="i"/> (-1 for none, or not a name of the
    /// schema) and where its '&gt;' is.</summary>
    private (int Name, int End) Name(ReadOnlySpan<byte> s, int i)
    {
        var end = i + 1;
        while (end < s.Length && NameByte[s[end]])
        {
            end++;
        }

        return end >= s.Length || s[end] != (byte)'>' || end == i + 1 || s[i + 1] is >= (byte)'0' and <= (byte)'9'
            ? (-1, end)
            : (_schema.Names.Find(s[(i + 1)..end]), end);
    }

    /// <summary>Opens <paramref name="element"/> whose start tag ends at <paramref name="end"/>.</summary>
    private int Push(int element, int end)
    {
        if (element < 0)
        {
            return -1;
        }

        _open[_depth] = element;
        _state[_depth] = 0;
        _depth++;
        return end + 1;
    }

    /// <summary>An end tag at <paramref name="i"/>: it must name the open element, whose content must be complete.</summary>
    private int End(ReadOnlySpan<byte> s, int i)
    {
        if (_depth == 0)
        {
            return -1;
        }

        var top = _depth - 1;
        var element = _elements[_open[top]];
        var name = element.NameBytes;
        var end = i + 2 + name.Length;
        if (end >= s.Length || s[end] != (byte)'>' || !s.Slice(i + 2, name.Length).SequenceEqual(name))
        {
            return -1;
        }

        // A complex element ends where its model accepts; a simple one only after its value (an empty value is
        // never confirmed: the writer writes no empty element).
        if (element.Model is { } model ? !model.Accepts(_state[top]) : _state[top] == 0)
        {
            return -1;
        }

        _depth--;
        _rootClosed = _depth == 0;
        return end + 1;
    }

    /// <summary>Line feeds: allowed before the root and between its children, where the writer puts them (the schema
    /// would allow them between any elements, but the written form has them nowhere else).</summary>
    private int LineFeeds(ReadOnlySpan<byte> s, int i)
    {
        if (_rootClosed || _depth > 1 || (_depth == 1 && _elements[_open[0]].Model is null))
        {
            return -1;
        }

        var rest = s[i..].IndexOfAnyExcept((byte)'\n');
        return rest < 0 ? s.Length : i + rest;
    }

    /// <summary>A value: only inside a simple element, once, checked up to the next tag.</summary>
    private int Value(ReadOnlySpan<byte> s, int i)
    {
        var top = _depth - 1;
        if (top < 0 || _elements[_open[top]].Value is not { } check || _state[top] != 0)
        {
            return -1;
        }

        _state[top] = 1;
        return check.MatchUntilTag(s, i);
    }
}
