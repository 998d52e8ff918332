using System.Globalization;
using System.Xml;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.RegionFormats.Primorye25.Returns;

/// <summary>
/// Reads an invoice archive of the regional system (workflows.md §3.2–§3.3): the H file (a name starting with HM,
/// CM or DOM; the last one wins) gives one case per ZAP and the services of every USL; its L pair (leading letter
/// H → L, D → L, C → LC) gives the patients' names by ID_PAC. Both are read as streams straight from the reader
/// (<see cref="XmlRecord"/>), one record at a time; the L file first, so that each case is made once, with its
/// patient's names.
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

        var pool = new TextPool();
        Dictionary<string, Person> persons;
        try
        {
            persons = ReadPersons(archive, lPath, lName, pool, ct);
        }
        catch (RegionFormatException)
        {
            // A broken H file is reported before a broken L file, as when the H file was read first.
            ReadCases(archive, hPath, hName, [], pool, ct);
            throw;
        }

        var (cases, services) = ReadCases(archive, hPath, hName, persons, pool, ct);
        return new Invoice(name, hName, cases, services);
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
        IArchiveFiles archive, string path, string file, Dictionary<string, Person> persons, TextPool pool, CancellationToken ct) =>
        SafeXml.Read(file, () =>
        {
            using var stream = archive.Open(path);
            using var reader = SafeXml.Open(stream);
            SafeXml.Root(reader, file, "ZL_LIST", "файл счета (H)");
            var cases = new List<InvoiceCase>();
            var services = new ServiceTotals();
            var record = new CaseRecord(file, pool, services);
            foreach (var line in Records(reader, "ZAP", ct))
            {
                record.Read(reader, line);
                cases.Add(record.ToCase(persons));
            }

            return (cases, services.ToList());
        });

    private static Dictionary<string, Person> ReadPersons(IArchiveFiles archive, string path, string file, TextPool pool, CancellationToken ct) =>
        SafeXml.Read(file, () =>
        {
            using var stream = archive.Open(path);
            using var reader = SafeXml.Open(stream);
            SafeXml.Root(reader, file, "PERS_LIST", "файл пациентов (L)");
            var persons = new Dictionary<string, Person>(StringComparer.Ordinal);
            var fields = new Fields(file);
            foreach (var line in Records(reader, "PERS", ct))
            {
                fields.ReadChildren(reader, line);
                if (fields.Text("ID_PAC") is { } id)
                {
                    persons.TryAdd(id, new Person(fields.Shared("FAM", pool), fields.Shared("IM", pool), fields.Shared("OT", pool),
                        fields.Int("W"), fields.Date("DR")));
                }
            }

            return persons;
        });

    /// <summary>Moves to each record of a file in turn, giving the line it starts on; the caller reads it whole.</summary>
    private static IEnumerable<int> Records(XmlReader reader, string name, CancellationToken ct)
    {
        reader.Read();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == name)
            {
                ct.ThrowIfCancellationRequested();
                yield return (reader as IXmlLineInfo)?.LineNumber ?? 0;
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

    /// <summary>A patient of the L file.</summary>
    private sealed record Person(string? Fam, string? Im, string? Ot, int? W, DateOnly? Dr);

    /// <summary>
    /// The ZAP being read (one instance, reused for every ZAP of the file): the first PACIENT, the first Z_SL and its
    /// first SL give the fields (the first element of each name counts); every USL in it goes to the service totals.
    /// </summary>
    private sealed class CaseRecord(string file, TextPool pool, ServiceTotals services)
    {
        private readonly Fields _zap = new(file, services);
        private readonly Fields _pacient = new(file, services);
        private readonly Fields _zsl = new(file, services);
        private readonly Fields _sl = new(file, services);
        private readonly Fields _otherSl = new(file, services, keep: false);
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

        public InvoiceCase ToCase(Dictionary<string, Person> persons)
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
            var person = idPac is not null && persons.TryGetValue(idPac, out var found) ? found : null;
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

    /// <summary>Services by code: quantities summed, tariff/profile/specialty of the first one; unreadable values are null.</summary>
    private sealed class ServiceTotals
    {
        private readonly Dictionary<string, Total> _totals = new(StringComparer.Ordinal);
        private readonly List<Total> _order = [];
        private readonly TextBuffer _texts = new();

        /// <summary>The USL the reader is on, and past it.</summary>
        public void Read(XmlReader reader)
        {
            _texts.Clear();
            TextSlice? code = null, kol = null, tarif = null, profil = null, prvs = null;
            bool seenCode = false, seenKol = false, seenTarif = false, seenProfil = false, seenPrvs = false;
            if (XmlRecord.Enter(reader, out var depth))
            {
                while (XmlRecord.NextChild(reader, depth))
                {
                    switch (reader.LocalName)
                    {
                        case "CODE_USL" when !seenCode:
                            (seenCode, code) = (true, _texts.Read(reader));
                            break;
                        case "KOL_USL" when !seenKol:
                            (seenKol, kol) = (true, _texts.Read(reader));
                            break;
                        case "TARIF" when !seenTarif:
                            (seenTarif, tarif) = (true, _texts.Read(reader));
                            break;
                        case "PROFIL" when !seenProfil:
                            (seenProfil, profil) = (true, _texts.Read(reader));
                            break;
                        case "PRVS" when !seenPrvs:
                            (seenPrvs, prvs) = (true, _texts.Read(reader));
                            break;
                        default:
                            reader.Skip();
                            break;
                    }
                }
            }

            if (code is not { } codeText)
            {
                return;
            }

            var quantity = Quantity(kol);
            if (_totals.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(_texts[codeText], out var known))
            {
                known.Quantity += quantity;
                return;
            }

            var total = new Total(_texts.Text(codeText))
            {
                Quantity = quantity,
                Tariff = tarif is { } t && decimal.TryParse(_texts[t], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var tariff) ? tariff : null,
                Profil = Natural(profil),
                Prvs = Natural(prvs),
            };
            _totals[total.Code] = total;
            _order.Add(total);
        }

        public List<InvoiceService> ToList() => _order.Select(t => new InvoiceService(t.Code, t.Quantity, t.Tariff, t.Profil, t.Prvs)).ToList();

        /// <summary>KOL_USL: the integer before the decimal point ("2.00" is 2); 0 when unreadable.</summary>
        private int Quantity(TextSlice? kol)
        {
            if (kol is not { } slice)
            {
                return 0;
            }

            var text = _texts[slice];
            var point = text.IndexOf('.');
            return int.TryParse(point < 0 ? text : text[..point], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var k) ? k : 0;
        }

        private int? Natural(TextSlice? slice) =>
            slice is { } s && int.TryParse(_texts[s], NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;

        private sealed class Total(string code)
        {
            public string Code { get; } = code;
            public int Quantity { get; set; }
            public decimal? Tariff { get; init; }
            public int? Profil { get; init; }
            public int? Prvs { get; init; }
        }
    }

    /// <summary>
    /// The simple child fields of one element, by name (the first of each name counts; one holding elements reads
    /// as null); a value of the wrong type fails with the record's line. USL children go to the service totals.
    /// </summary>
    private sealed class Fields(string file, ServiceTotals? services = null, bool keep = true)
    {
        private readonly Dictionary<string, TextSlice?> _values = new(StringComparer.Ordinal);
        private readonly TextBuffer _texts = new();
        private int _line;

        public void Clear(int line)
        {
            _values.Clear();
            _texts.Clear();
            _line = line;
        }

        /// <summary>Reads the children of the element the reader is on (of the record starting on
        /// <paramref name="line"/>), and moves past it.</summary>
        public void ReadChildren(XmlReader reader, int line)
        {
            Clear(line);
            if (!XmlRecord.Enter(reader, out var depth))
            {
                return;
            }

            while (XmlRecord.NextChild(reader, depth))
            {
                ReadChild(reader);
            }
        }

        /// <summary>Reads the child element the reader is on, and moves past it.</summary>
        public void ReadChild(XmlReader reader)
        {
            var name = reader.LocalName;
            if (name == "USL" && services is not null)
            {
                services.Read(reader);
            }
            else if (!keep || _values.ContainsKey(name))
            {
                reader.Skip();
            }
            else
            {
                _values[name] = _texts.Read(reader);
            }
        }

        public string? Text(string name) => Slice(name) is { } slice ? _texts.Text(slice) : null;

        /// <summary>A text that repeats over the file (a diagnosis, a first name), as its one shared instance.</summary>
        public string? Shared(string name, TextPool pool) => Slice(name) is { } slice ? pool.Share(_texts[slice]) : null;

        public int? Int(string name) => Slice(name) is not { } slice
            ? null
            : int.TryParse(_texts[slice], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Wrong(name, slice, "целое число");

        public decimal? Decimal(string name) => Slice(name) is not { } slice
            ? null
            : decimal.TryParse(_texts[slice], NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Wrong(name, slice, "сумма");

        public DateOnly? Date(string name) => Slice(name) is not { } slice
            ? null
            : IsoDate.TryParse(_texts[slice], out var value)
                ? value
                : throw Wrong(name, slice, "дата ГГГГ-ММ-ДД");

        private TextSlice? Slice(string name) => _values.GetValueOrDefault(name);

        private RegionFormatException Wrong(string name, TextSlice slice, string expected) =>
            new($"Файл {file}, строка {_line}: {name} «{_texts.Text(slice)}» — ожидается {expected}");
    }
}
