using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace Omslite.Hub.ReferenceBooks.Import;

/// <summary>
/// Streams an NSI XML file: any root (FFOMS uses <c>packet</c>), an optional <c>zglv</c> header and repeated records
/// (<c>zap</c>) of simple fields. The encoding comes from the XML declaration. DTDs and external entities are refused;
/// nothing is ever resolved. Malformed XML is reported with its line.
/// </summary>
internal static partial class NsiXmlReader
{
    private const string Header = "zglv";

    private static readonly HashSet<string> RecordElements =
        NsiBooks.All.Select(b => b.RecordElement).ToHashSet(StringComparer.OrdinalIgnoreCase);

    public static NsiXmlFile Read(Stream stream, string file)
    {
        LegacyEncodings.Register();
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        };
        using var reader = XmlReader.Create(stream, settings);
        var lines = (IXmlLineInfo)reader;
        try
        {
            return ReadPacket(reader, lines);
        }
        catch (XmlException ex)
        {
            var line = ex.LineNumber > 0 ? ex.LineNumber : lines.LineNumber > 0 ? lines.LineNumber : DoctypeLine(stream);
            throw line is > 0
                ? new ImportFileException(file, line.Value, Describe(ex))
                : new ImportFileException(file, Describe(ex));
        }
    }

    /// <summary>
    /// XmlReader refuses a DTD before it has a line to report; in a file that can be re-read, the line is that of
    /// <c>&lt;!DOCTYPE</c> (ASCII in every encoding NSI files use).
    /// </summary>
    private static int? DoctypeLine(Stream stream)
    {
        if (!stream.CanSeek)
        {
            return null;
        }

        stream.Position = 0;
        var head = new byte[64 * 1024];
        var length = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        var at = head.AsSpan(0, length).IndexOf("<!DOCTYPE"u8);
        return at < 0 ? null : head.AsSpan(0, at).Count((byte)'\n') + 1;
    }

    private static NsiXmlFile ReadPacket(XmlReader reader, IXmlLineInfo lines)
    {
        string? type = null;
        string? version = null;
        var records = new List<NsiRecord>();
        reader.MoveToContent();
        if (!reader.IsEmptyElement)
        {
            reader.Read();
            while (!reader.EOF && !(reader.NodeType == XmlNodeType.EndElement && reader.Depth == 0))
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    reader.Read();
                }
                else if (string.Equals(reader.LocalName, Header, StringComparison.OrdinalIgnoreCase))
                {
                    var header = ReadFields(reader, lines);
                    type = header.GetValueOrDefault("type")?.Value;
                    version = header.GetValueOrDefault("version")?.Value;
                }
                else if (RecordElements.Contains(reader.LocalName))
                {
                    var line = lines.LineNumber;
                    records.Add(new NsiRecord(line, ReadFields(reader, lines)));
                }
                else
                {
                    reader.Skip();
                }
            }
        }

        // Read to the end: a broken tail is an error too, not a silently shorter book.
        while (reader.Read())
        {
        }

        return new NsiXmlFile(NullIfBlank(type), NullIfBlank(version), records);
    }

    /// <summary>The simple child elements of the element the reader is on; leaves the reader after its end tag.</summary>
    private static Dictionary<string, NsiField> ReadFields(XmlReader reader, IXmlLineInfo lines)
    {
        var fields = new Dictionary<string, NsiField>(StringComparer.OrdinalIgnoreCase);
        var depth = reader.Depth;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return fields;
        }

        reader.Read();
        while (!(reader.NodeType == XmlNodeType.EndElement && reader.Depth == depth))
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                var name = reader.LocalName;
                var line = lines.LineNumber;
                var text = ReadText(reader);
                if (text is not null)
                {
                    fields.TryAdd(name, new NsiField(text.Trim(), line));
                }
            }
            else
            {
                reader.Read();
            }
        }

        reader.Read();
        return fields;
    }

    /// <summary>The text of a simple element, or null when it has child elements (such fields are not read).</summary>
    private static string? ReadText(XmlReader reader)
    {
        var depth = reader.Depth;
        if (reader.IsEmptyElement)
        {
            reader.Read();
            return "";
        }

        var text = new StringBuilder();
        var compound = false;
        while (reader.Read() && reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element)
            {
                compound = true;
            }
            else if (reader.Depth == depth + 1 && reader.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace)
            {
                text.Append(reader.Value);
            }
        }

        reader.Read();
        return compound ? null : text.ToString();
    }

    private static string Describe(XmlException ex)
    {
        var message = LinePosition().Replace(ex.Message, "").Trim();
        if (message.Contains("DTD", StringComparison.Ordinal))
        {
            return "DTD и внешние сущности в файле запрещены";
        }

        if (message.Contains("encoding", StringComparison.OrdinalIgnoreCase))
        {
            return $"символы не соответствуют кодировке файла ({message})";
        }

        if (message.Contains("end of file", StringComparison.OrdinalIgnoreCase))
        {
            return $"файл обрывается: не закрыт элемент ({message})";
        }

        return $"неверный XML ({message})";
    }

    private static string? NullIfBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    [GeneratedRegex(@"\s*Line \d+, position \d+\.\s*$")]
    private static partial Regex LinePosition();
}
