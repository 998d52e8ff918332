using System.Xml;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// Reading the small records of a large TFOMS file straight from the <see cref="XmlReader"/>, without building an
/// element per record: step into an element, walk its child elements, take a leaf's text. A leaf that holds child
/// elements reads as null, as an empty one does.
/// </summary>
internal static class XmlRecord
{
    /// <summary>On a start element: steps inside it and gives its depth; false, and past it, when it is empty.</summary>
    public static bool Enter(XmlReader reader, out int depth)
    {
        depth = reader.Depth;
        var empty = reader.IsEmptyElement;
        reader.Read();
        return !empty;
    }

    /// <summary>Moves to the next child element of the element entered at <paramref name="depth"/>; false, and past
    /// that element's end tag, when there is none. The caller consumes each child (<see cref="Text"/> or
    /// <see cref="XmlReader.Skip"/>).</summary>
    public static bool NextChild(XmlReader reader, int depth)
    {
        while (reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
            {
                return true;
            }

            reader.Read();
        }

        reader.Read();
        return false;
    }

    /// <summary>The trimmed text of the leaf element the reader is on, and past it; null when it is empty or holds
    /// elements.</summary>
    public static string? Text(XmlReader reader)
    {
        if (!Enter(reader, out var depth))
        {
            return null;
        }

        string? text = null;
        var nested = false;
        while (reader.Depth > depth)
        {
            switch (reader.NodeType)
            {
                case XmlNodeType.Element:
                    nested = true;
                    reader.Skip();
                    continue;
                case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    text = text is null ? reader.Value : text + reader.Value;
                    break;
            }

            reader.Read();
        }

        reader.Read();
        return nested || text is null ? null : text.Trim() is { Length: > 0 } value ? value : null;
    }
}
