using System.Xml;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>A piece of a <see cref="TextBuffer"/>.</summary>
internal readonly record struct TextSlice(int Start, int Length);

/// <summary>
/// The texts of one record, copied from the reader into one reused buffer (<see cref="XmlReader.ReadValueChunk"/>):
/// a number or a date is parsed where it lies, and a string is made only for a text that is kept — a file of 100 000
/// records holds two million values, most of them numbers.
/// </summary>
internal sealed class TextBuffer
{
    private char[] _chars = new char[1024];
    private int _length;

    public void Clear() => _length = 0;

    public ReadOnlySpan<char> this[TextSlice slice] => _chars.AsSpan(slice.Start, slice.Length);

    public string Text(TextSlice slice) => new(this[slice]);

    /// <summary>The trimmed text of the leaf element the reader is on, and past it; null when it is empty or holds
    /// elements (such a field reads as absent).</summary>
    public TextSlice? Read(XmlReader reader)
    {
        if (!XmlRecord.Enter(reader, out var depth))
        {
            return null;
        }

        var start = _length;
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
                    Append(reader);
                    break;
            }

            reader.Read();
        }

        reader.Read();
        var text = _chars.AsSpan(start, _length - start);
        var trimmed = text.Trim();
        if (nested || trimmed.IsEmpty)
        {
            _length = start;
            return null;
        }

        return new TextSlice(start + (text.Length - text.TrimStart().Length), trimmed.Length);
    }

    private void Append(XmlReader reader)
    {
        while (true)
        {
            if (_chars.Length - _length < 256)
            {
                Array.Resize(ref _chars, _chars.Length * 2);
            }

            var read = reader.ReadValueChunk(_chars, _length, _chars.Length - _length);
            if (read == 0)
            {
                return;
            }

            _length += read;
        }
    }
}
