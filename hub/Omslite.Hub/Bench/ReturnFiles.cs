using System.Globalization;
using System.IO.Compression;
using System.Xml;
using Npgsql;
using Omslite.Hub.ReferenceBooks.Import;

namespace Omslite.Hub.Bench;

/// <summary>
/// What TFOMS Primorye would send back for the bench MO's month (workflows.md §2, §3; the plugin's RETURNS.md),
/// written as a stream from the working database in windows-1251: an FLK_P protocol with a refusal for every visit,
/// and an invoice archive (HM with one ZAP per visit, every 33rd refused at MEK with SUMP 0.00; LM with the patients).
/// </summary>
internal static class ReturnFiles
{
    private static readonly XmlWriterSettings Xml = new() { Encoding = LegacyEncodings.Windows1251, Indent = false, CloseOutput = false };

    /// <summary>The protocol's name: FHT25M, the MO code, _, YY, MM, the short code, pack 1.</summary>
    public static string ProtocolName(RegistryBenchMo mo) => $"FHT25M{mo.Code}_{Stem(mo)}.xml";

    /// <summary>The invoice archive's name: HM, the MO code, S, the SMO, _, YY, MM, the short code, pack 1.</summary>
    public static string InvoiceName(RegistryBenchMo mo) => $"HM{mo.Code}S25011_{Stem(mo)}.zip";

    /// <summary>One ZAP per visit (IDCASE = the visit number) with error 903; every 10th also has the ignored 824,
    /// every 50th a second code.</summary>
    public static async Task WriteProtocolAsync(NpgsqlDataSource database, RegistryBenchMo mo, string path, CancellationToken ct)
    {
        await using var file = File.Create(path);
        using var xml = XmlWriter.Create(file, Xml);
        xml.WriteStartDocument();
        xml.WriteStartElement("FLK_P");
        xml.WriteElementString("FNAME", Path.GetFileNameWithoutExtension(ProtocolName(mo)));
        xml.WriteElementString("FNAME_I", $"HM{mo.Code}S25011_{Stem(mo)}");
        xml.WriteStartElement("SCHET");
        Elements(xml, ("CODE", $"{mo.ShortCode}{mo.Period.Year % 100:00}{mo.Period.Month:00}"), ("CODE_MO", mo.Code), ("YEAR", Text(mo.Period.Year)),
            ("MONTH", Text(mo.Period.Month)), ("NSCHET", $"{mo.ShortCode}{mo.Period.Year % 100:00}{mo.Period.Month:00}1"), ("DSCHET", "2026-04-05"));
        xml.WriteEndElement();
        var n = 0;
        await foreach (var (number, card) in ReadAsync(database, "select number, card_number from visit v join patient p on p.id = v.patient_id where v.mo_id = @mo order by number",
                           mo, r => (r.GetInt32(0), r.GetString(1)), ct))
        {
            n++;
            xml.WriteStartElement("ZAP");
            xml.WriteElementString("N_ZAP", Text(n));
            xml.WriteStartElement("SL");
            Elements(xml, ("SL_ID", "1"), ("IDCASE", Text(number)), ("CARD", card));
            if (n % 10 == 0)
            {
                Refusal(xml, "824", "Повторное предоставление случая");
            }

            Refusal(xml, "903", "Отсутствует МО прикрепления или направления");
            if (n % 50 == 0)
            {
                Refusal(xml, "910", "Пациент не идентифицирован в РС ЕРЗ");
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    /// <summary>The HM and LM files of an SMO invoice for every visit of the month.</summary>
    public static async Task WriteInvoiceAsync(NpgsqlDataSource database, RegistryBenchMo mo, string path, CancellationToken ct)
    {
        await using var file = File.Create(path);
        using var zip = new ZipArchive(file, ZipArchiveMode.Create);
        var stem = $"{mo.Code}S25011_{Stem(mo)}";
        await using (var entry = zip.CreateEntry($"HM{stem}.xml").Open())
        {
            await WriteCasesAsync(database, mo, $"HM{stem}", entry, ct);
        }

        await using (var entry = zip.CreateEntry($"LM{stem}.xml").Open())
        {
            await WritePersonsAsync(database, mo, $"LM{stem}", entry, ct);
        }
    }

    private static async Task WriteCasesAsync(NpgsqlDataSource database, RegistryBenchMo mo, string name, Stream output, CancellationToken ct)
    {
        using var xml = XmlWriter.Create(output, Xml);
        xml.WriteStartDocument();
        xml.WriteStartElement("ZL_LIST");
        xml.WriteStartElement("ZGLV");
        Elements(xml, ("VERSION", "6.0"), ("DATA", "2026-04-10"), ("FILENAME", name));
        xml.WriteEndElement();
        xml.WriteStartElement("SCHET");
        Elements(xml, ("CODE", "1"), ("CODE_MO", mo.Code), ("YEAR", Text(mo.Period.Year)), ("MONTH", Text(mo.Period.Month)), ("PLAT", "25011"));
        xml.WriteEndElement();
        const string sql =
            """
            select v.number, p.policy_number, v.open_date, v.close_date, coalesce(v.ds1, 'R91'), s.code, t.price
            from visit v
            join patient p on p.id = v.patient_id
            join visit_service s on s.visit_id = v.id
            join tariff_version tv on tv.mo_id = v.mo_id
            join tariff t on t.version_id = tv.id and t.code = s.code
            where v.mo_id = @mo
            order by v.number
            """;
        var n = 0;
        await foreach (var c in ReadAsync(database, sql, mo,
                           r => (Number: r.GetInt32(0), Enp: r.GetString(1), Open: r.GetFieldValue<DateOnly>(2), Close: r.GetFieldValue<DateOnly>(3),
                               Ds1: r.GetString(4), Code: r.GetString(5), Price: r.GetDecimal(6)), ct))
        {
            n++;
            var price = Text(c.Price);
            xml.WriteStartElement("ZAP");
            xml.WriteElementString("N_ZAP", Text(n));
            xml.WriteStartElement("PACIENT");
            Elements(xml, ("ID_PAC", c.Enp), ("VPOLIS", "3"), ("ENP", c.Enp));
            xml.WriteEndElement();
            xml.WriteStartElement("Z_SL");
            Elements(xml, ("USL_OK", "3"), ("VIDPOM", "11"), ("FOR_POM", "3"), ("DATE_Z_1", Text(c.Open)), ("DATE_Z_2", Text(c.Close)), ("RSLT", "314"),
                ("ISHOD", "304"));
            xml.WriteStartElement("SL");
            Elements(xml, ("PROFIL", "78"), ("NHISTORY", Text(c.Number)), ("DS1", c.Ds1), ("PRVS", "60"));
            xml.WriteStartElement("USL");
            Elements(xml, ("PROFIL", "78"), ("CODE_USL", c.Code), ("KOL_USL", "1.00"), ("TARIF", price), ("PRVS", "60"));
            xml.WriteEndElement();
            xml.WriteEndElement();
            Elements(xml, ("IDSP", "28"), ("SUMV", price), ("SUMP", n % 33 == 0 ? "0.00" : price));
            xml.WriteEndElement();
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static async Task WritePersonsAsync(NpgsqlDataSource database, RegistryBenchMo mo, string name, Stream output, CancellationToken ct)
    {
        using var xml = XmlWriter.Create(output, Xml);
        xml.WriteStartDocument();
        xml.WriteStartElement("PERS_LIST");
        xml.WriteStartElement("ZGLV");
        Elements(xml, ("VERSION", "3.2"), ("DATA", "2026-04-10"), ("FILENAME", name), ("FILENAME1", "H" + name[1..]));
        xml.WriteEndElement();
        const string sql =
            """
            select p.policy_number, p.fam, p.im, p.ot, p.sex, p.birth_date from patient p
            where p.mo_id = @mo and exists (select 1 from visit v where v.patient_id = p.id)
            order by p.id
            """;
        await foreach (var p in ReadAsync(database, sql, mo,
                           r => (Enp: r.GetString(0), Fam: r.GetString(1), Im: r.GetString(2), Ot: r.GetString(3), Sex: r.GetString(4),
                               Dr: r.GetFieldValue<DateOnly>(5)), ct))
        {
            xml.WriteStartElement("PERS");
            Elements(xml, ("ID_PAC", p.Enp), ("FAM", p.Fam), ("IM", p.Im), ("OT", p.Ot), ("W", p.Sex == "м" ? "1" : "2"), ("DR", Text(p.Dr)));
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static async IAsyncEnumerable<T> ReadAsync<T>(NpgsqlDataSource database, string sql, RegistryBenchMo mo, Func<NpgsqlDataReader, T> row,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(sql, conn) { Parameters = { new("mo", mo.Id) } };
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            yield return row(reader);
        }
    }

    private static void Refusal(XmlWriter xml, string code, string comment)
    {
        xml.WriteStartElement("OTKAZ");
        Elements(xml, ("I_TYPE", code), ("COMMENT", comment));
        xml.WriteEndElement();
    }

    private static void Elements(XmlWriter xml, params (string Name, string Value)[] elements)
    {
        foreach (var (name, value) in elements)
        {
            xml.WriteElementString(name, value);
        }
    }

    private static string Stem(RegistryBenchMo mo) => $"{mo.Period.Year % 100:00}{mo.Period.Month:00}{mo.ShortCode}1";

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Text(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
