using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// Reads an FLK_P error protocol (workflows.md §2.2–§2.3) as a stream, one ZAP at a time: only the first SL of a
/// ZAP counts; its OTKAZ entries give the error code (I_TYPE, kept as text) and the comment; ignored codes are
/// dropped, each code is kept once per ZAP, and a ZAP left without errors is skipped.
/// </summary>
internal static class ProtocolReader
{
    public static ErrorProtocol Read(Stream content, string file, RegistryMo mo, CancellationToken ct)
    {
        var name = ReturnNames.Protocol(file);
        var codes = ProtocolCodes.For(mo);
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
                        if (Case((XElement)XNode.ReadFrom(reader), codes, file, line) is { } refused)
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

    private static ProtocolCase? Case(XElement zap, ProtocolCodes codes, string file, int line)
    {
        var sl = zap.Element("SL");
        if (sl is null)
        {
            return null;
        }

        var errors = new List<ProtocolError>();
        foreach (var otkaz in sl.Elements("OTKAZ"))
        {
            var code = Text(otkaz.Element("I_TYPE"));
            if (string.IsNullOrEmpty(code) || !codes.Keeps(code) || errors.Any(e => e.Code == code))
            {
                continue;
            }

            errors.Add(new ProtocolError(code, Text(otkaz.Element("COMMENT")), Text(otkaz.Element("IM_POL")) ?? Text(otkaz.Element("BAS_EL"))));
        }

        if (errors.Count == 0)
        {
            return null;
        }

        var idCase = Text(sl.Element("IDCASE"));
        if (!int.TryParse(idCase, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            throw new RegionFormatException(idCase is null
                ? $"Файл {file}, строка {line}: в записи нет IDCASE"
                : $"Файл {file}, строка {line}: IDCASE «{idCase}» не является номером талона");
        }

        return new ProtocolCase(number, Text(sl.Element("CARD")), errors);
    }

    private static string? Text(XElement? element) =>
        element is null || element.HasElements ? null : element.Value.Trim() is { Length: > 0 } value ? value : null;
}
