using System.Text;
using System.Xml;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// Reading the XML files TFOMS sends back as hostile input: no DTD (so no entity is ever expanded, internal or
/// external), no resolver, the encoding from the declaration (windows-1251 included). Every failure becomes one
/// Russian message with the file and line.
/// </summary>
internal static class SafeXml
{
    static SafeXml() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static XmlReader Open(Stream content) =>
        XmlReader.Create(content, new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = false,
        });

    /// <summary>Runs a read and turns XML failures into a <see cref="RegionFormatException"/> naming the file.</summary>
    public static T Read<T>(string file, Func<T> read)
    {
        try
        {
            return read();
        }
        catch (XmlException ex) when (ex.Message.Contains("DTD", StringComparison.Ordinal))
        {
            throw new RegionFormatException($"Файл {file}: DTD и внешние сущности в файле запрещены");
        }
        catch (XmlException ex) when (ex.Message.StartsWith("Root element is missing", StringComparison.Ordinal))
        {
            throw new RegionFormatException($"Файл {file}: файл пуст или не является XML", ex);
        }
        catch (XmlException ex)
        {
            throw new RegionFormatException($"Файл {file}, строка {ex.LineNumber}: {ex.Message}", ex);
        }
        catch (DecoderFallbackException ex)
        {
            throw new RegionFormatException($"Файл {file}: символы не соответствуют кодировке файла ({ex.Message})", ex);
        }
    }

    /// <summary>Enumerates a lazily parsed sequence, turning XML failures into a <see cref="RegionFormatException"/>
    /// naming the file as <see cref="Read{T}"/> does (a failure comes out of whichever item reaches it).</summary>
    public static IEnumerable<T> Enumerate<T>(string file, IEnumerable<T> items)
    {
        using var each = items.GetEnumerator();
        while (Read(file, each.MoveNext))
        {
            yield return each.Current;
        }
    }

    /// <summary>A failure at the reader's current line.</summary>
    public static RegionFormatException At(XmlReader reader, string file, string problem) =>
        new(reader is IXmlLineInfo { } info && info.HasLineInfo()
            ? $"Файл {file}, строка {info.LineNumber}: {problem}"
            : $"Файл {file}: {problem}");

    /// <summary>Moves to the root element and checks its name.</summary>
    public static void Root(XmlReader reader, string file, string expected, string what)
    {
        if (reader.MoveToContent() != XmlNodeType.Element)
        {
            throw new RegionFormatException($"Файл {file}: файл пуст");
        }

        if (reader.LocalName != expected)
        {
            throw At(reader, file, $"это не {what}: корневой элемент {reader.LocalName}, ожидается {expected}");
        }
    }
}
