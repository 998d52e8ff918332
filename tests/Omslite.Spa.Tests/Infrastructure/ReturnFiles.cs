using System.IO.Compression;
using System.Text;
using System.Xml.Linq;

namespace Omslite.Spa.Tests.Infrastructure;

/// <summary>A case of a built pack, as its HM and LM files give it.</summary>
public sealed record PackCase(int Number, string IdPac, string? Enp, string Fam, string Im, string? Ot, string W, string Dr, string Ds1, string Date1, string Date2);

/// <summary>
/// What TFOMS sends back for a pack, made by the test from the pack it downloaded: the FLK_P error protocol
/// (workflows.md §2.2) and the BARS invoice archive with HM/LM (§3.2–§3.3), in windows-1251 as TFOMS writes them.
/// </summary>
public static class ReturnFiles
{
    static ReturnFiles() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static Encoding Cp1251 => Encoding.GetEncoding(1251);

    /// <summary>The entry of a zip whose name starts with <paramref name="prefix"/> (HM, LM, PM).</summary>
    public static XDocument Entry(string zipPath, string prefix)
    {
        using var zip = ZipFile.OpenRead(zipPath);
        var entry = zip.Entries.Single(e => e.Name.StartsWith(prefix, StringComparison.Ordinal));
        using var stream = entry.Open();
        return XDocument.Load(stream);
    }

    /// <summary>The cases of a pack in file order: IDCASE, the patient's policy and name, the diagnosis and dates.</summary>
    public static IReadOnlyList<PackCase> Cases(string packZip)
    {
        var h = Entry(packZip, "HM");
        var people = Entry(packZip, "LM").Root!.Elements("PERS").ToDictionary(p => (string)p.Element("ID_PAC")!);
        return h.Root!.Elements("ZAP").Select(zap =>
        {
            var idPac = (string)zap.Element("PACIENT")!.Element("ID_PAC")!;
            var person = people[idPac];
            var zsl = zap.Element("Z_SL")!;
            var sl = zsl.Element("SL")!;
            return new PackCase(
                (int)zsl.Element("IDCASE")!, idPac, (string?)zap.Element("PACIENT")!.Element("ENP"),
                (string)person.Element("FAM")!, (string)person.Element("IM")!, (string?)person.Element("OT"), (string)person.Element("W")!,
                (string)person.Element("DR")!, (string)sl.Element("DS1")!, (string)zsl.Element("DATE_Z_1")!, (string)zsl.Element("DATE_Z_2")!);
        }).ToList();
    }

    /// <summary>
    /// An FLK_P protocol: one ZAP per case number with its refusals (code, comment). The name follows the grammar
    /// <c>FHT25M&lt;MO&gt;_&lt;YY&gt;&lt;MM&gt;&lt;short MO&gt;&lt;pack&gt;.xml</c>.
    /// </summary>
    public static (string Name, byte[] Content) Protocol(string moCode, DateOnly month, params (int IdCase, string Code, string? Comment)[] errors)
    {
        var stem = $"FHT25M{moCode}_{month:yyMM}{moCode[^3..]}1";
        var xml = new XDocument(new XDeclaration("1.0", "windows-1251", null),
            new XElement("FLK_P",
                new XElement("FNAME", stem),
                new XElement("FNAME_I", $"HM{moCode}T25_{month:yyMM}{moCode[^3..]}1"),
                errors.GroupBy(e => e.IdCase).Select((g, i) => new XElement("ZAP",
                    new XElement("N_ZAP", i + 1),
                    new XElement("SL",
                        new XElement("SL_ID", 1),
                        new XElement("IDCASE", g.Key),
                        g.Select(e => new XElement("OTKAZ", new XElement("I_TYPE", e.Code), new XElement("COMMENT", e.Comment ?? ""))))))));
        return (stem + ".xml", Bytes(xml));
    }

    /// <summary>
    /// A BARS invoice of an SMO for the given cases: HM with one ZAP each (SUMV presented, SUMP paid — 0.00 is a MEK
    /// refusal) and LM with their people; the archive is named <c>HM&lt;MO&gt;S&lt;SMO&gt;_&lt;YY&gt;&lt;MM&gt;&lt;short MO&gt;1.zip</c>.
    /// </summary>
    public static (string Name, byte[] Content) Invoice(string moCode, string smo, DateOnly month, params (PackCase Case, decimal Sump)[] cases)
    {
        var stem = $"{moCode}S{smo}_{month:yyMM}{moCode[^3..]}1";
        var h = new XDocument(new XDeclaration("1.0", "windows-1251", null),
            new XElement("ZL_LIST",
                new XElement("ZGLV", new XElement("VERSION", "6.0"), new XElement("FILENAME", "HM" + stem)),
                new XElement("SCHET", new XElement("CODE_MO", moCode), new XElement("YEAR", month.Year), new XElement("MONTH", month.Month), new XElement("PLAT", smo)),
                cases.Select((c, i) => new XElement("ZAP",
                    new XElement("N_ZAP", i + 1),
                    new XElement("PACIENT", new XElement("ID_PAC", c.Case.IdPac), new XElement("ENP", c.Case.Enp)),
                    new XElement("Z_SL",
                        new XElement("IDCASE", c.Case.Number), new XElement("USL_OK", 3), new XElement("VIDPOM", 13), new XElement("FOR_POM", 3),
                        new XElement("DATE_Z_1", c.Case.Date1), new XElement("DATE_Z_2", c.Case.Date2), new XElement("RSLT", 314), new XElement("ISHOD", 304),
                        new XElement("SL",
                            new XElement("PROFIL", 78), new XElement("NHISTORY", c.Case.Number), new XElement("DS1", c.Case.Ds1), new XElement("PRVS", 60)),
                        new XElement("IDSP", 28), new XElement("SUMV", "2189.50"), new XElement("SUMP", c.Sump.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture)))))));
        var l = new XDocument(new XDeclaration("1.0", "windows-1251", null),
            new XElement("PERS_LIST",
                new XElement("ZGLV", new XElement("VERSION", "3.2"), new XElement("FILENAME", "LM" + stem)),
                cases.Select(c => new XElement("PERS",
                    new XElement("ID_PAC", c.Case.IdPac), new XElement("FAM", c.Case.Fam), new XElement("IM", c.Case.Im),
                    c.Case.Ot is null ? null : new XElement("OT", c.Case.Ot), new XElement("W", c.Case.W), new XElement("DR", c.Case.Dr)))));
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, doc) in new[] { ($"HM{stem}.xml", h), ($"LM{stem}.xml", l) })
            {
                using var entry = zip.CreateEntry(name).Open();
                entry.Write(Bytes(doc));
            }
        }

        return ($"HM{stem}.zip", buffer.ToArray());
    }

    private static byte[] Bytes(XDocument doc)
    {
        using var buffer = new MemoryStream();
        using (var writer = new StreamWriter(buffer, Cp1251))
        {
            doc.Save(writer, SaveOptions.DisableFormatting);
        }

        return buffer.ToArray();
    }

    /// <summary>A cell's text in a workbook's first sheet (shared, inline or number), read from the sheet XML.</summary>
    public static string? Cell(string xlsxPath, string reference)
    {
        using var zip = ZipFile.OpenRead(xlsxPath);
        XNamespace ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        var sheet = XDocument.Load(zip.GetEntry("xl/worksheets/sheet1.xml")!.Open());
        var cell = sheet.Descendants(ns + "c").FirstOrDefault(c => (string?)c.Attribute("r") == reference);
        if (cell is null)
        {
            return null;
        }

        if ((string?)cell.Attribute("t") == "s")
        {
            var shared = XDocument.Load(zip.GetEntry("xl/sharedStrings.xml")!.Open()).Root!.Elements(ns + "si").ToList();
            return string.Concat(shared[(int)cell.Element(ns + "v")!].Descendants(ns + "t").Select(t => t.Value));
        }

        return cell.Element(ns + "is")?.Value ?? cell.Element(ns + "v")?.Value;
    }
}
