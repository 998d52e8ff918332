using System.Xml;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// Reading the small records of a large TFOMS file straight from the <see cref="XmlReader"/>, without building an
/// element per record: step into an element and walk its child elements (their texts: <see cref="TextBuffer"/>).
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
    /// that element's end tag, when there is none. The caller consumes each child (<see cref="TextBuffer.Read"/> or
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
}
