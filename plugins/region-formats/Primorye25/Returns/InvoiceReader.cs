using System.Globalization;
using System.Xml;
using System.Xml.Linq;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// Reads an invoice archive of the regional system (workflows.md §3.2–§3.3): the H file (a name starting with HM,
/// CM or DOM; the last one wins) gives one case per ZAP and the services of every USL; its L pair (leading letter
/// H → L, D → L, C → LC) gives the patients' names by ID_PAC. Both are read as streams, one record at a time.
/// </summary>
internal static class InvoiceReader
{
    public static Invoice Read(IArchiveFiles archive, InvoiceName name, CancellationToken ct)
    {
        var hPath = archive.Names.LastOrDefault(n => IsCaseFile(FileName(n)))
                    ?? throw new RegionFormatException("Тип счета не поддерживается");
        var hName = FileName(hPath);
        var lName = PairName(hName);
        var lPath = archive.Names.FirstOrDefault(n => string.Equals(FileName(n), lName, StringComparison.OrdinalIgnoreCase))
                    ?? throw new RegionFormatException($"В архиве {name.FileName} нет файла {lName}");

        var (cases, services) = ReadCases(archive, hPath, hName, ct);
        var persons = ReadPersons(archive, lPath, lName, ct);
        var joined = cases.Select(c => c.IdPac is not null && persons.TryGetValue(c.IdPac, out var p)
            ? c with { Fam = p.Fam, Im = p.Im, Ot = p.Ot, W = p.W, Dr = p.Dr }
            : c).ToList();
        return new Invoice(name, hName, joined, services);
    }

    private static bool IsCaseFile(string file) =>
        file.StartsWith("HM", StringComparison.OrdinalIgnoreCase) || file.StartsWith("CM", StringComparison.OrdinalIgnoreCase)
                                                                   || file.StartsWith("DOM", StringComparison.OrdinalIgnoreCase);

    /// <summary>Only the leading letter is replaced (the original replaced every occurrence).</summary>
    private static string PairName(string hName) => char.ToUpperInvariant(hName[0]) switch
    {
        'C' => "LC" + hName[1..],
        _ => "L" + hName[1..],
    };

    private static string FileName(string path) => path[(path.LastIndexOfAny(['/', '\\']) + 1)..];

    private static (List<InvoiceCase> Cases, List<InvoiceService> Services) ReadCases(IArchiveFiles archive, string path, string file, CancellationToken ct)
    {
        var cases = new List<InvoiceCase>();
        var services = new Dictionary<string, InvoiceService>(StringComparer.Ordinal);
        var order = new List<string>();
        SafeXml.Read(file, () =>
        {
            using var stream = archive.Open(path);
            using var reader = SafeXml.Open(stream);
            SafeXml.Root(reader, file, "ZL_LIST", "файл счета (H)");
            foreach (var (zap, line) in Records(reader, "ZAP", ct))
            {
                cases.Add(Case(zap, file, line));
                foreach (var usl in zap.Descendants("USL"))
                {
                    Aggregate(usl, services, order);
                }
            }

            return 0;
        });
        return (cases, order.Select(code => services[code]).ToList());
    }

    private static Dictionary<string, InvoiceCase> ReadPersons(IArchiveFiles archive, string path, string file, CancellationToken ct) =>
        SafeXml.Read(file, () =>
        {
            using var stream = archive.Open(path);
            using var reader = SafeXml.Open(stream);
            SafeXml.Root(reader, file, "PERS_LIST", "файл пациентов (L)");
            var persons = new Dictionary<string, InvoiceCase>(StringComparer.Ordinal);
            foreach (var (pers, line) in Records(reader, "PERS", ct))
            {
                var fields = new Fields(pers, file, line);
                if (fields.Text("ID_PAC") is { } id)
                {
                    persons.TryAdd(id, new InvoiceCase
                    {
                        Fam = fields.Text("FAM"), Im = fields.Text("IM"), Ot = fields.Text("OT"), W = fields.Int("W"), Dr = fields.Date("DR"),
                    });
                }
            }

            return persons;
        });

    /// <summary>The records of a file, each read whole (they are small), with the line it starts on.</summary>
    private static IEnumerable<(XElement Record, int Line)> Records(XmlReader reader, string name, CancellationToken ct)
    {
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == name)
            {
                ct.ThrowIfCancellationRequested();
                var line = (reader as IXmlLineInfo)?.LineNumber ?? 0;
                yield return ((XElement)XNode.ReadFrom(reader), line);
            }
            else if (reader.NodeType == XmlNodeType.Element && reader.Depth == 1)
            {
                reader.Skip();
            }
            else
            {
                reader.Read();
            }
        }
    }

    private static InvoiceCase Case(XElement zap, string file, int line)
    {
        var pacient = zap.Element("PACIENT") ?? throw new RegionFormatException($"Файл {file}, строка {line}: в записи нет PACIENT");
        var zsl = zap.Element("Z_SL") ?? throw new RegionFormatException($"Файл {file}, строка {line}: в записи нет Z_SL");
        var z = new Fields(zsl, file, line);
        var p = new Fields(pacient, file, line);
        var sl = new Fields(zsl.Element("SL"), file, line);
        return new InvoiceCase
        {
            NZap = new Fields(zap, file, line).Int("N_ZAP"),
            IdPac = p.Text("ID_PAC"),
            PolicySeries = p.Text("SPOLIS"),
            PolicyNumber = p.Text("NPOLIS"),
            Enp = p.Text("ENP"),
            UslOk = z.Int("USL_OK"),
            Vidpom = z.Int("VIDPOM"),
            ForPom = z.Int("FOR_POM"),
            DateZ1 = z.Date("DATE_Z_1"),
            DateZ2 = z.Date("DATE_Z_2"),
            Rslt = z.Int("RSLT"),
            Ishod = z.Int("ISHOD"),
            Profil = sl.Int("PROFIL"),
            NHistory = sl.Int("NHISTORY"),
            Ds1 = sl.Text("DS1"),
            Prvs = sl.Int("PRVS"),
            Idsp = z.Int("IDSP"),
            Sumv = z.Decimal("SUMV"),
            // D5: a missing or empty SUMP is a refusal, the same as 0.
            Sump = z.Decimal("SUMP"),
        };
    }

    /// <summary>Services by code: quantities summed, tariff/profile/specialty of the first one; unreadable values are null.</summary>
    private static void Aggregate(XElement usl, Dictionary<string, InvoiceService> services, List<string> order)
    {
        var code = usl.Element("CODE_USL")?.Value.Trim();
        if (string.IsNullOrEmpty(code))
        {
            return;
        }

        var kol = usl.Element("KOL_USL")?.Value.Trim() ?? "";
        var quantity = int.TryParse(kol.Split('.')[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k) ? k : 0;
        if (services.TryGetValue(code, out var known))
        {
            services[code] = known with { Quantity = known.Quantity + quantity };
            return;
        }

        order.Add(code);
        services[code] = new InvoiceService(
            code,
            quantity,
            decimal.TryParse(usl.Element("TARIF")?.Value.Trim(), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var tariff) ? tariff : null,
            int.TryParse(usl.Element("PROFIL")?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var profil) ? profil : null,
            int.TryParse(usl.Element("PRVS")?.Value.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var prvs) ? prvs : null);
    }

    /// <summary>The simple child fields of one element; a value of the wrong type fails with the record's line.</summary>
    private readonly struct Fields(XElement? element, string file, int line)
    {
        public string? Text(string name) =>
            element?.Element(name) is { HasElements: false } field && field.Value.Trim() is { Length: > 0 } value ? value : null;

        public int? Int(string name) => Text(name) is not { } text
            ? null
            : int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Wrong(name, text, "целое число");

        public decimal? Decimal(string name) => Text(name) is not { } text
            ? null
            : decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Wrong(name, text, "сумма");

        public DateOnly? Date(string name) => Text(name) is not { } text
            ? null
            : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
                ? value
                : throw Wrong(name, text, "дата ГГГГ-ММ-ДД");

        private RegionFormatException Wrong(string name, string text, string expected) =>
            new($"Файл {file}, строка {line}: {name} «{text}» — ожидается {expected}");
    }
}
