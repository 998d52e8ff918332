using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// Reads an FLK_P error protocol (workflows.md §2.2–§2.3) as a stream, one ZAP at a time, straight from the reader
/// (<see cref="XmlRecord"/>): only the first SL of a ZAP counts; its OTKAZ entries give the error code (I_TYPE, kept
/// as text) and the comment; ignored codes are dropped, each code is kept once per ZAP, and a ZAP left without errors
/// is skipped.
/// </summary>
internal static class ProtocolReader
{
    public static ErrorProtocol Read(Stream content, string file, RegistryMo mo, CancellationToken ct)
    {
        var name = ReturnNames.Protocol(file);
        var codes = ProtocolCodes.For(mo);
        var pool = new TextPool();
        return SafeXml.Read(file, () =>
        {
            using var reader = SafeXml.Open(content);
            SafeXml.Root(reader, file, "FLK_P", "протокол ФЛК");
            var header = new Dictionary<string, string?>(StringComparer.Ordinal);
            var cases = new List<ProtocolCase>();
            var records = 0;
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
                        records++;
                        if (Case(reader, codes, pool, file, line) is { } refused)
                        {
                            cases.Add(refused);
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

            return new ErrorProtocol(
                name,
                new ErrorProtocolHeader(header.GetValueOrDefault("FNAME"), header.GetValueOrDefault("FNAME_I"), header.GetValueOrDefault("CODE"),
                    header.GetValueOrDefault("CODE_MO"), header.GetValueOrDefault("YEAR"), header.GetValueOrDefault("MONTH"),
                    header.GetValueOrDefault("NSCHET"), header.GetValueOrDefault("DSCHET")),
                records,
                cases);
        });
    }

    /// <summary>The ZAP the reader is on, and past it: its refused case, or null when no kept error is left.</summary>
    private static ProtocolCase? Case(XmlReader reader, ProtocolCodes codes, TextPool pool, string file, int line)
    {
        var sl = false;
        (bool Seen, string? Text) idCase = default, card = default;
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
                            idCase = (true, XmlRecord.Text(reader));
                            break;
                        case "CARD" when !card.Seen:
                            card = (true, XmlRecord.Text(reader));
                            break;
                        case "OTKAZ":
                            if (Error(reader, pool) is { } error && codes.Keeps(error.Code) && !errors.Exists(e => e.Code == error.Code))
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

        if (!int.TryParse(idCase.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new RegionFormatException(idCase.Text is null
                ? $"Файл {file}, строка {line}: в записи нет IDCASE"
                : $"Файл {file}, строка {line}: IDCASE «{idCase.Text}» не является номером талона");
        }

        return new ProtocolCase(number, card.Text, errors);
    }

    /// <summary>The OTKAZ the reader is on, and past it (the first of each of its fields counts); null without a code.</summary>
    private static ProtocolError? Error(XmlReader reader, TextPool pool)
    {
        (bool Seen, string? Text) code = default, comment = default, imPol = default, basEl = default;
        if (XmlRecord.Enter(reader, out var depth))
        {
            while (XmlRecord.NextChild(reader, depth))
            {
                switch (reader.LocalName)
                {
                    case "I_TYPE" when !code.Seen:
                        code = (true, XmlRecord.Text(reader));
                        break;
                    case "COMMENT" when !comment.Seen:
                        comment = (true, XmlRecord.Text(reader));
                        break;
                    case "IM_POL" when !imPol.Seen:
                        imPol = (true, XmlRecord.Text(reader));
                        break;
                    case "BAS_EL" when !basEl.Seen:
                        basEl = (true, XmlRecord.Text(reader));
                        break;
                    default:
                        reader.Skip();
                        break;
                }
            }
        }

        return string.IsNullOrEmpty(code.Text)
            ? null
            : new ProtocolError(pool.Share(code.Text)!, pool.Share(comment.Text), pool.Share(imPol.Text ?? basEl.Text));
    }

    private static string? Text(XElement? element) =>
        element is null || element.HasElements ? null : element.Value.Trim() is { Length: > 0 } value ? value : null;
}
