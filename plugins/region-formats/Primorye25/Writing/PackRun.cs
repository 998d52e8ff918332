using System.Globalization;
using System.IO.Compression;
using System.Text;
using Omslite.RegionFormats.Primorye25.Checks;
using Omslite.Sdk.Registry;

namespace Omslite.RegionFormats.Primorye25.Writing;

/// <summary>
/// One pack run (registry-pack-25.md §4.1): every case through <see cref="VisitWriter"/>; the lines of the passing
/// ones appended to three body files in the work directory; then the three files (header, body, closing tag)
/// validated against their schemas and zipped. Memory stays flat: a visit's lines are the only thing held.
/// </summary>
internal static class PackRun
{
    public static async Task<PackResult> RunAsync(
        PackRequest request, IAsyncEnumerable<RegistryCase> cases, Stream output, Schemas schemas, CancellationToken ct)
    {
        var (settings, rules) = Prepare(request);
        var names = new PackNames(settings, request.Period, request.Number);
        var mode = request.CheckOnly ? CheckMode.Check : CheckMode.Pack;
        var persons = new HashSet<string>(StringComparer.Ordinal);
        var included = new List<long>();
        var numbers = new List<int>();
        var personNumbers = new List<int>();
        var problems = new List<CaseProblems>();
        using var bodies = request.CheckOnly ? null : new BodyFiles(request.WorkDirectory);
        await foreach (var registryCase in cases.WithCancellation(ct))
        {
            var outcome = VisitWriter.Build(registryCase, settings, rules, mode, persons);
            if (outcome.Problem is { } problem)
            {
                problems.Add(new CaseProblems(registryCase.VisitId, registryCase.Number, registryCase.Patient.PatientId, registryCase.Patient.CardNumber, [problem]));
                continue;
            }

            bodies?.Append(outcome);
            if (persons.Add(outcome.IdPac!))
            {
                personNumbers.Add(registryCase.Number);
            }

            included.Add(registryCase.VisitId);
            numbers.Add(registryCase.Number);
            if (request.Limit > 0 && included.Count >= request.Limit)
            {
                break;
            }
        }

        var result = new PackResult { Records = included.Count, Persons = persons.Count, Included = included, Problems = problems };
        if (bodies is null || included.Count == 0)
        {
            return result;
        }

        bodies.Close();
        var files = Files(names, rules, settings, request, bodies, included.Count);
        string? Visit(IReadOnlyList<int> list, int line, int headerLines) =>
            line - headerLines - 1 is var i && i >= 0 && i < list.Count ? $"талон {list[i]}" : null;
        foreach (var file in files)
        {
            var list = file.Kind == 'L' ? personNumbers : numbers;
            await using var content = file.Open();
            schemas.Validate(rules.Schemas[file.Kind], file.Name, content, line => Visit(list, line, file.HeaderLines));
        }

        // §1.5, D2.5: each complete file signed before anything is zipped; a failure is the run's error, no zip.
        var entries = files.Select(f => (f.Name, Open: (Func<Stream>)f.Open)).ToList();
        foreach (var file in request.Signer is null ? [] : files)
        {
            await using var content = file.Open();
            var signature = new MemoryStream();
            try
            {
                await request.Signer!.SignAsync(content, signature, ct);
            }
            catch (PackSigningException ex)
            {
                throw new RegionFormatException($"Ошибка подписи файла {file.Name}: {ex.Message}");
            }

            entries.Add((Path.ChangeExtension(file.Name, request.Signer.Extension), () => new MemoryStream(signature.ToArray(), false)));
        }

        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, open) in entries)
            {
                var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
                entry.LastWriteTime = new DateTimeOffset(request.RunDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                await using var target = entry.Open();
                await using var content = open();
                await content.CopyToAsync(target, ct);
            }
        }

        return result with { FileName = names.Zip, Entries = entries.Select(e => e.Name).ToList() };
    }

    /// <summary>D2.1/D2.2 and the settings: everything that makes the whole run impossible, before any case is read.</summary>
    internal static (RegionSettings, FormatRules) Prepare(PackRequest request)
    {
        if (request.Period.Year is < 2000 or > 2099)
        {
            throw new RegionFormatException($"Неверный год отчёта: {request.Period.Year} (ожидается 2000–2099)");
        }

        if (request.Period.Month is < 1 or > 12)
        {
            throw new RegionFormatException($"Неверный месяц отчёта: {request.Period.Month} (ожидается 1–12)");
        }

        if (request.Number is < 1 or > 9)
        {
            throw new RegionFormatException($"Неверный номер пакета: {request.Number} (ожидается 1–9)");
        }

        return Settings(request.Mo, request.Period);
    }

    /// <summary>The settings and the rules of a period; a period the format does not serve, or a missing LPU_1 where
    /// the version writes it, is a <see cref="RegionFormatException"/>.</summary>
    internal static (RegionSettings, FormatRules) Settings(RegistryMo mo, Sdk.Connectors.ReportPeriod period)
    {
        var settings = RegionSettings.From(mo);
        var rules = FormatTable.For(period)
            ?? throw new RegionFormatException($"Формат ТФОМС 25 не описан для отчётного периода {period}: первый поддерживаемый — {FormatTable.All[0].ValidFrom}");
        if (rules.HasH("LPU_1") && settings.Lpu1 is null)
        {
            throw new RegionFormatException("Не задан LPU_1 (код подразделения МО в региональном реестре): укажите его в настройках МО");
        }

        return (settings, rules);
    }

    private static List<PackFile> Files(PackNames names, FormatRules rules, RegionSettings s, PackRequest request, BodyFiles bodies, int count)
    {
        var date = request.RunDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var year = request.Period.Year.ToString(CultureInfo.InvariantCulture);
        var month = request.Period.Month.ToString(CultureInfo.InvariantCulture);
        var none = System.Collections.Frozen.FrozenSet<string>.Empty;

        var hZglv = new RecordLine(none, rules.HIgnored).Open("ZGLV").Value("VERSION", rules.HVersion).Value("DATA", date)
            .Value("FILENAME", names.H).Value("SD_Z", count).Close("ZGLV");
        var hSchet = new RecordLine(none, rules.HIgnored).Open("SCHET").Value("CODE", names.SchetCode).Value("CODE_MO", s.MoCode)
            .Value("YEAR", year).Value("MONTH", month).Value("NSCHET", names.Nschet).Value("DSCHET", date)
            .Value("PLAT", s.Plat).Value("SUMMAV", "0.00").Close("SCHET");
        var pZglv = new RecordLine(none, none).Open("ZGLV").Value("DATA", date).Value("FILENAME", names.P)
            .Value("FILENAME1", names.H).Close("ZGLV");
        var pSchet = new RecordLine(none, none).Open("SCHET").Value("YEAR", year).Value("MONTH", month)
            .Value("CODE_MO", s.MoCode).Value("LPU", s.ShortMo).Close("SCHET");
        var lZglv = new RecordLine(none, rules.LIgnored).Open("ZGLV").Value("VERSION", rules.LVersion).Value("DATA", date)
            .Value("FILENAME", names.L).Value("FILENAME1", names.H).Close("ZGLV");
        if (new[] { hSchet, pSchet }.FirstOrDefault(l => l.Unwritable is not null) is { Unwritable: { } bad })
        {
            throw new RegionFormatException($"Значение настройки МО не записывается в windows-1251: {bad.Tag}");
        }

        return
        [
            new PackFile('H', names.H + ".xml", "ZL_LIST", [hZglv.ToString(), hSchet.ToString()], bodies.H),
            new PackFile('P', names.P + ".xml", "ZL_LIST", [pZglv.ToString(), pSchet.ToString()], bodies.P),
            new PackFile('L', names.L + ".xml", "PERS_LIST", [lZglv.ToString()], bodies.L),
        ];
    }

    /// <summary>One XML file of the pack: the declaration, the root, the header lines, the body file, the closing tag
    /// with no newline after it (§1.4).</summary>
    private sealed record PackFile(char Kind, string Name, string Root, IReadOnlyList<string> Header, string BodyPath)
    {
        /// <summary>The lines before the first record (declaration, root, headers).</summary>
        public int HeaderLines => 2 + Header.Count;

        public Stream Open()
        {
            var head = new StringBuilder("<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<").Append(Root).Append(">\n");
            foreach (var line in Header)
            {
                head.Append(line).Append('\n');
            }

            var headBytes = Cp1251.Encoding.GetBytes(head.ToString());
            var tailBytes = Cp1251.Encoding.GetBytes($"</{Root}>");
            return new JoinedStream(
            [
                () => new MemoryStream(headBytes, false),
                () => new FileStream(BodyPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan),
                () => new MemoryStream(tailBytes, false),
            ]);
        }
    }

    /// <summary>The three record bodies, one line per record (LF), in windows-1251; deleted when disposed.</summary>
    private sealed class BodyFiles : IDisposable
    {
        private readonly StreamWriter _h;
        private readonly StreamWriter _p;
        private readonly StreamWriter _l;

        public BodyFiles(string directory)
        {
            var stem = Path.Combine(directory, "pack-" + Guid.NewGuid().ToString("N"));
            H = stem + ".h";
            P = stem + ".p";
            L = stem + ".l";
            _h = Create(H);
            _p = Create(P);
            _l = Create(L);
        }

        public string H { get; }
        public string P { get; }
        public string L { get; }

        public void Append(VisitOutcome outcome)
        {
            Line(_h, outcome.H!);
            Line(_p, outcome.P!);
            if (outcome.L is { } l)
            {
                Line(_l, l);
            }
        }

        public void Close()
        {
            _h.Dispose();
            _p.Dispose();
            _l.Dispose();
        }

        public void Dispose()
        {
            Close();
            foreach (var path in new[] { H, P, L })
            {
                File.Delete(path);
            }
        }

        private static void Line(StreamWriter writer, string line)
        {
            writer.Write(line);
            writer.Write('\n');
        }

        private static StreamWriter Create(string path) =>
            new(new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16), Cp1251.Encoding, 1 << 16);
    }
}
