using System.Globalization;
using System.Text;

namespace Omslite.RegionFormats.Primorye25.Registers.Xlsx;

/// <summary>
/// The SpreadsheetML of a new row whose cells are in column order, formatted into one reused character buffer and
/// written to the sheet's stream as UTF-8 at once (<see cref="WriteTo"/>): a register of 100 000 cases has two million
/// cells, and an XmlWriter call for each element and attribute of each cell cost a third of its writing time. The
/// markup is the writer's, byte for byte: text escaped (&amp;, &lt;, &gt;), the characters XML 1.0 cannot hold
/// dropped; only a carriage return is kept (&amp;#xD;) where the writer turned it into a line feed.
/// </summary>
internal sealed class RowMarkup(string prefix, IReadOnlyDictionary<CellLook, int> looks)
{
    /// <summary>UTF-8 without a byte order mark; a lone surrogate fails, as it does in the writer.</summary>
    private static readonly UTF8Encoding Utf8 = new(false, true);

    private readonly string _row = prefix + "row";
    private readonly string _cell = prefix + "c";
    private readonly string _inline = prefix + "is";
    private readonly string _text = prefix + "t";
    private readonly string _formula = prefix + "f";
    private readonly string _value = prefix + "v";
    private char[] _buffer = new char[4096];
    private byte[] _bytes = new byte[4096];

    public int Length { get; private set; }

    /// <summary>Formats the row into the buffer; its markup is the first <see cref="Length"/> characters.</summary>
    public void Format(Row row)
    {
        Length = 0;
        Span<char> number = stackalloc char[11];
        number = number[..Format(number, row.Index)];
        Span<char> style = stackalloc char[11];
        Append('<').Append(_row).Append(" r=\"").Append(number).Append("\">");
        foreach (var cell in row.Cells)
        {
            Append('<').Append(_cell).Append(" r=\"").Append(CellRef.Letters(cell.Column)).Append(number).Append('"');
            if (cell.Look != CellLook.Template)
            {
                Append(" s=\"").Append(style[..Format(style, looks[cell.Look])]).Append('"');
            }

            switch (cell.Kind)
            {
                case CellKind.Text:
                    Append(" t=\"inlineStr\"><").Append(_inline).Append("><").Append(_text).Append(" xml:space=\"preserve\">");
                    AppendEscaped(cell.TextValue!);
                    Append("</").Append(_text).Append("></").Append(_inline).Append('>');
                    break;
                case CellKind.Formula:
                    Append("><").Append(_formula).Append('>');
                    AppendEscaped(cell.TextValue!);
                    Append("</").Append(_formula).Append('>');
                    AppendValue(cell.NumberValue);
                    break;
                case CellKind.Number:
                    Append('>');
                    AppendValue(cell.NumberValue);
                    break;
                default:
                    Append(" />");
                    continue;
            }

            Append("</").Append(_cell).Append('>');
        }

        Append("</").Append(_row).Append('>');
    }

    /// <summary>Writes the formatted row to <paramref name="output"/> as UTF-8, as the sheet's writer would (its raw
    /// path checks and encodes one character at a time: 86 million for a register of 100 000 cases).</summary>
    public void WriteTo(Stream output)
    {
        var most = Utf8.GetMaxByteCount(Length);
        if (_bytes.Length < most)
        {
            _bytes = new byte[Math.Max(most, _bytes.Length * 2)];
        }

        output.Write(_bytes, 0, Utf8.GetBytes(_buffer, 0, Length, _bytes, 0));
    }

    private static int Format(Span<char> into, int value)
    {
        value.TryFormat(into, out var written, default, CultureInfo.InvariantCulture);
        return written;
    }

    private void AppendValue(decimal value)
    {
        Span<char> text = stackalloc char[32];
        value.TryFormat(text, out var written, default, CultureInfo.InvariantCulture);
        Append('<').Append(_value).Append('>').Append(text[..written]).Append("</").Append(_value).Append('>');
    }

    private void AppendEscaped(string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '&':
                    Append("&amp;");
                    break;
                case '<':
                    Append("&lt;");
                    break;
                case '>':
                    Append("&gt;");
                    break;
                case '\r':
                    Append("&#xD;");
                    break;
                case < ' ' and not ('\t' or '\n'):
                    break;
                default:
                    Append(c);
                    break;
            }
        }
    }

    private RowMarkup Append(char c)
    {
        Reserve(1);
        _buffer[Length++] = c;
        return this;
    }

    private RowMarkup Append(ReadOnlySpan<char> text)
    {
        Reserve(text.Length);
        text.CopyTo(_buffer.AsSpan(Length));
        Length += text.Length;
        return this;
    }

    private void Reserve(int count)
    {
        if (Length + count > _buffer.Length)
        {
            Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Length + count));
        }
    }
}
