using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// Reads an FLK_P error protocol (workflows.md §2.2–§2.3) as a stream, one ZAP at a time (handed over as it is read:
/// <see cref="Cases"/>, or collected: <see cref="Read"/>), straight from the reader
/// (<see cref="XmlRecord"/>): only the first SL of a ZAP counts; its OTKAZ entries give the error code (I_TYPE, kept
/// as text) and the comment; ignored codes are dropped, each code is kept once per ZAP, and a ZAP left without errors
/// is skipped.
/// </summary>
internal static class ProtocolReader
{
    public static ErrorProtocol Read(Stream content, string file, RegistryMo mo, CancellationToken ct)
    {
        var name = ReturnNames.Protocol(file);
        var summary = new ErrorProtocolSummary();
        var cases = Cases(content, file, mo, summary, ct).ToList();
        return new ErrorProtocol(name, summary.Header, summary.Records, cases);
    }

    /// <summary>
    /// The refused cases one by one as the file is parsed (SDK 1.3 streaming); <paramref name="summary"/> gets the
    /// count of records as it goes and the header at the end. A failure surfaces when the enumeration reaches it, as a
    /// <see cref="RegionFormatException"/> naming the file.
    /// </summary>
    public static IEnumerable<ProtocolCase> Cases(Stream content, string file, RegistryMo mo, ErrorProtocolSummary summary, CancellationToken ct) =>
        SafeXml.Enumerate(file, Parse(content, file, mo, summary, ct));

    private static IEnumerable<ProtocolCase> Parse(Stream content, string file, RegistryMo mo, ErrorProtocolSummary summary, CancellationToken ct)
    {
        ReturnNames.Protocol(file);
        var codes = ProtocolCodes.For(mo);
        var pool = new TextPool();
        var texts = new TextBuffer();
        using var reader = SafeXml.Open(content);
        SafeXml.Root(reader, file, "FLK_P", "протокол ФЛК");
        var header = new Dictionary<string, string?>(StringComparer.Ordinal);
        reader.Read();
        while (!reader.EOF)
        {
            ct.ThrowIfCancellationRequested();
            if (reader.NodeType != XmlNodeType.Element)
            {
                reader.Read();
                continue;
            }

            switch (reader.LocalName)
            {
                case "ZAP":
                    var line = (reader as IXmlLineInfo)?.LineNumber ?? 0;
                    summary.Records++;
                    if (Case(reader, codes, texts, pool, file, line) is { } refused)
                    {
                        yield return refused;
                    }

                    break;
                case "SCHET":
                    foreach (var field in ((XElement)XNode.ReadFrom(reader)).Elements())
                    {
                        header[field.Name.LocalName] = Text(field);
                    }

                    break;
                case "FNAME" or "FNAME_I":
                    header[reader.LocalName] = reader.ReadElementContentAsString().Trim();
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }

        summary.Header = new ErrorProtocolHeader(header.GetValueOrDefault("FNAME"), header.GetValueOrDefault("FNAME_I"), header.GetValueOrDefault("CODE"),
            header.GetValueOrDefault("CODE_MO"), header.GetValueOrDefault("YEAR"), header.GetValueOrDefault("MONTH"),
            header.GetValueOrDefault("NSCHET"), header.GetValueOrDefault("DSCHET"));
    }

    /// <summary>The ZAP the reader is on, and past it: its refused case, or null when no kept error is left.</summary>
    private static ProtocolCase? Case(XmlReader reader, ProtocolCodes codes, TextBuffer texts, TextPool pool, string file, int line)
    {
        texts.Clear();
        var sl = false;
        (bool Seen, TextSlice? Text) idCase = default, card = default;
        var errors = new List<ProtocolError>(1);
        if (XmlRecord.Enter(reader, out var zap))
        {
            while (XmlRecord.NextChild(reader, zap))
            {
                if (sl || reader.LocalName != "SL")
                {
                    reader.Skip();
                    continue;
                }

                sl = true;
                if (!XmlRecord.Enter(reader, out var depth))
                {
                    continue;
                }

                while (XmlRecord.NextChild(reader, depth))
                {
                    switch (reader.LocalName)
                    {
                        case "IDCASE" when !idCase.Seen:
                            idCase = (true, texts.Read(reader));
                            break;
                        case "CARD" when !card.Seen:
                            card = (true, texts.Read(reader));
                            break;
                        case "OTKAZ":
                            if (Error(reader, texts, pool) is { } error && codes.Keeps(error.Code) && !errors.Exists(e => e.Code == error.Code))
                            {
                                errors.Add(error);
                            }

                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }
            }
        }

        if (errors.Count == 0)
        {
            return null;
        }

        if (idCase.Text is not { } id || !int.TryParse(texts[id], NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new RegionFormatException(idCase.Text is { } shown
                ? $"Файл {file}, строка {line}: IDCASE «{texts.Text(shown)}» не является номером талона"
                : $"Файл {file}, строка {line}: в записи нет IDCASE");
        }

        return new ProtocolCase(number, card.Text is { } c ? texts.Text(c) : null, errors);
    }

    /// <summary>The OTKAZ the reader is on, and past it (the first of each of its fields counts); null without a code.</summary>
    private static ProtocolError? Error(XmlReader reader, TextBuffer texts, TextPool pool)
    {
        (bool Seen, TextSlice? Text) code = default, comment = default, imPol = default, basEl = default;
        if (XmlRecord.Enter(reader, out var depth))
        {
            while (XmlRecord.NextChild(reader, depth))
            {
                switch (reader.LocalName)
                {
                    case "I_TYPE" when !code.Seen:
                        code = (true, texts.Read(reader));
                        break;
                    case "COMMENT" when !comment.Seen:
                        comment = (true, texts.Read(reader));
                        break;
                    case "IM_POL" when !imPol.Seen:
                        imPol = (true, texts.Read(reader));
                        break;
                    case "BAS_EL" when !basEl.Seen:
                        basEl = (true, texts.Read(reader));
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }

        string? Shared(TextSlice? slice) => slice is { } s ? pool.Share(texts[s]) : null;
        return code.Text is null ? null : new ProtocolError(Shared(code.Text)!, Shared(comment.Text), Shared(imPol.Text ?? basEl.Text));
    }

    private static string? Text(XElement? element) =>
        element is null || element.HasElements ? null : element.Value.Trim() is { Length: > 0 } value ? value : null;
}
