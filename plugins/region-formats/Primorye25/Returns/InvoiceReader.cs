using System.Globalization;
using System.Xml;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// Reads an invoice archive of the regional system (workflows.md §3.2–§3.3): the H file (a name starting with HM,
/// CM or DOM; the last one wins) gives one case per ZAP and the services of every USL; its L pair (leading letter
/// H → L, D → L, C → LC) gives the patients' names by ID_PAC. Both are read as streams straight from the reader
/// (<see cref="XmlRecord"/>), one record at a time, and at once: the L file on another core
/// (<see cref="InvoicePatients"/>) while the H file is read here.
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

        var patients = InvoicePatients.Start(archive, lPath, lName, ct);
        (List<InvoiceCase> Cases, List<InvoiceService> Services) read;
        try
        {
            read = ReadCases(archive, hPath, hName, patients, ct);
        }
        catch
        {
            // A broken H file is reported before a broken L file, as when the H file was read first.
            patients.Abandon();
            throw;
        }

        patients.JoinInto(read.Cases);
        return new Invoice(name, hName, read.Cases, read.Services);
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

    private static (List<InvoiceCase> Cases, List<InvoiceService> Services) ReadCases(
        IArchiveFiles archive, string path, string file, InvoicePatients patients, CancellationToken ct) =>
        SafeXml.Read(file, () =>
        {
            using var stream = archive.Open(path);
            using var reader = SafeXml.Open(stream);
            SafeXml.Root(reader, file, "ZL_LIST", "файл счета (H)");
            var cases = new List<InvoiceCase>();
            var services = new ServiceTotals();
            var record = new CaseRecord(file, new TextPool(), services);
            foreach (var line in XmlRecord.Records(reader, "ZAP", ct))
            {
                record.Read(reader, line);
                cases.Add(record.ToCase(patients, cases.Count));
            }

            return (cases, services.ToList());
        });

    /// <summary>
    /// The ZAP being read (one instance, reused for every ZAP of the file): the first PACIENT, the first Z_SL and its
    /// first SL give the fields (the first element of each name counts); every USL in it goes to the service totals.
    /// </summary>
    private sealed class CaseRecord(string file, TextPool pool, ServiceTotals services)
    {
        private readonly RecordFields _zap = new(file, services);
        private readonly RecordFields _pacient = new(file, services);
        private readonly RecordFields _zsl = new(file, services);
        private readonly RecordFields _sl = new(file, services);
        private readonly RecordFields _otherSl = new(file, services, keep: false);
        private int _line;
        private bool _hasPacient;
        private bool _hasZsl;

        /// <summary>Reads the ZAP the reader is on, and moves past it.</summary>
        public void Read(XmlReader reader, int line)
        {
            _line = line;
            _hasPacient = _hasZsl = false;
            foreach (var fields in new[] { _zap, _pacient, _zsl, _sl })
            {
                fields.Clear(line);
            }

            if (!XmlRecord.Enter(reader, out var depth))
            {
                return;
            }

            while (XmlRecord.NextChild(reader, depth))
            {
                switch (reader.LocalName)
                {
                    case "PACIENT" when !_hasPacient:
                        _hasPacient = true;
                        _pacient.ReadChildren(reader, line);
                        break;
                    case "Z_SL" when !_hasZsl:
                        _hasZsl = true;
                        ReadZsl(reader);
                        break;
                    default:
                        _zap.ReadChild(reader);
                        break;
                }
            }
        }

        /// <summary>The case read, the <paramref name="index"/>-th of the file, with its patient's names when they are known yet.</summary>
        public InvoiceCase ToCase(InvoicePatients patients, int index)
        {
            if (!_hasPacient)
            {
                throw new RegionFormatException($"Файл {file}, строка {_line}: в записи нет PACIENT");
            }

            if (!_hasZsl)
            {
                throw new RegionFormatException($"Файл {file}, строка {_line}: в записи нет Z_SL");
            }

            var idPac = _pacient.Text("ID_PAC");
            var person = patients.Find(idPac, index);
            return new InvoiceCase
            {
                NZap = _zap.Int("N_ZAP"),
                IdPac = idPac,
                PolicySeries = _pacient.Shared("SPOLIS", pool),
                PolicyNumber = _pacient.Text("NPOLIS"),
                Enp = _pacient.Text("ENP"),
                UslOk = _zsl.Int("USL_OK"),
                Vidpom = _zsl.Int("VIDPOM"),
                ForPom = _zsl.Int("FOR_POM"),
                DateZ1 = _zsl.Date("DATE_Z_1"),
                DateZ2 = _zsl.Date("DATE_Z_2"),
                Rslt = _zsl.Int("RSLT"),
                Ishod = _zsl.Int("ISHOD"),
                Profil = _sl.Int("PROFIL"),
                NHistory = _sl.Int("NHISTORY"),
                Ds1 = _sl.Shared("DS1", pool),
                Prvs = _sl.Int("PRVS"),
                Idsp = _zsl.Int("IDSP"),
                Sumv = _zsl.Decimal("SUMV"),
                // D5: a missing or empty SUMP is a refusal, the same as 0.
                Sump = _zsl.Decimal("SUMP"),
                Fam = person?.Fam,
                Im = person?.Im,
                Ot = person?.Ot,
                W = person?.W,
                Dr = person?.Dr,
            };
        }

        private void ReadZsl(XmlReader reader)
        {
            if (!XmlRecord.Enter(reader, out var depth))
            {
                return;
            }

            var firstSl = true;
            while (XmlRecord.NextChild(reader, depth))
            {
                if (reader.LocalName == "SL")
                {
                    // Only the first SL gives fields; the USL of every SL are counted.
                    (firstSl ? _sl : _otherSl).ReadChildren(reader, _line);
                    firstSl = false;
                }
                else
                {
                    _zsl.ReadChild(reader);
                }
            }
        }
    }
}
