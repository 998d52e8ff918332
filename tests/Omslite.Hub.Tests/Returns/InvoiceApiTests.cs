using System.Net;
using System.Text;
using Dapper;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Returns;

/// <summary>Invoice import through the API (workflows.md §3, D5): MEK marking, "Корректировать СМО", the registers, hostile archives.</summary>
public class InvoiceApiTests(ReturnsHub hub) : IClassFixture<ReturnsHub>
{
    /// <summary>An H file with one ZAP per (NHISTORY, SUMP) — SUMP null leaves the tag out.</summary>
    private static string H(params (int Number, string? Sump)[] cases) =>
        "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<ZL_LIST><ZGLV><VERSION>6.0</VERSION></ZGLV>"
        + string.Concat(cases.Select((c, i) =>
            $"<ZAP><N_ZAP>{i + 1}</N_ZAP><PACIENT><ID_PAC>{c.Number}</ID_PAC><ENP>2512345678901234</ENP></PACIENT><Z_SL><USL_OK>3</USL_OK><VIDPOM>11</VIDPOM>"
            + $"<DATE_Z_1>2022-02-01</DATE_Z_1><DATE_Z_2>2022-02-02</DATE_Z_2><RSLT>314</RSLT><SL><PROFIL>78</PROFIL><NHISTORY>{c.Number}</NHISTORY><DS1>R91</DS1><PRVS>60</PRVS>"
            + "<USL><CODE_USL>A06.09.005</CODE_USL><KOL_USL>1</KOL_USL><TARIF>2230.73</TARIF></USL><USL><CODE_USL>A06.99.999</CODE_USL><KOL_USL>2</KOL_USL><TARIF>0.10</TARIF></USL></SL>"
            + $"<IDSP>28</IDSP><SUMV>2230.73</SUMV>{(c.Sump is null ? "" : $"<SUMP>{c.Sump}</SUMP>")}</Z_SL></ZAP>"))
        + "</ZL_LIST>";

    private static string L(params int[] numbers) =>
        "<?xml version=\"1.0\" encoding=\"windows-1251\"?>\n<PERS_LIST>"
        + string.Concat(numbers.Select(n => $"<PERS><ID_PAC>{n}</ID_PAC><FAM>СИДОРОВ</FAM><IM>СИДОР</IM><W>1</W><DR>1970-01-01</DR></PERS>"))
        + "</PERS_LIST>";

    private static byte[] Invoice(string stem, string h, string l) =>
        ReturnsHub.Zip(($"HM{stem}.xml", ReturnsHub.Cp1251(h)), ($"LM{stem}.xml", ReturnsHub.Cp1251(l)), ($"PM{stem}.xml", [0x3c]));

    private Task<HttpResponseMessage> ImportAsync(HttpClient client, string name, byte[] zip, params (string, string)[] fields) =>
        client.PostAsync("/api/invoices/import", ReturnsHub.Upload(name, zip, fields));

    private async Task<string> SnapshotAsync()
    {
        await using var conn = hub.Instance.OpenConnection();
        return await conn.ExecuteScalarAsync<string>(
            """
            select (select count(*) from invoice_import) || '|' || (select count(*) from produced_file) || '|' ||
                   (select coalesce(string_agg(number || ':' || status || ':' || mek || ':' || coalesce(smo, ''), ',' order by number), '') from visit) || '|' ||
                   (select coalesce(string_agg(smo, ',' order by id), '') from patient) || '|' || (select count(*) from audit_log)
            """) ?? "";
    }

    [Fact]
    public async Task Refused_cases_mark_their_visits_mek_and_reopen_them_and_the_smo_register_is_kept_for_download()
    {
        var paid = await hub.AddVisitAsync(2011, 2022, 2, status: 2);
        var zero = await hub.AddVisitAsync(2012, 2022, 2, status: 2);
        var missing = await hub.AddVisitAsync(2013, 2022, 2, status: 2);
        var zip = Invoice("250796S25011_2202796", H((2011, "2230.73"), (2012, "0.00"), (2013, null), (2999, "0")), L(2011, 2012, 2013, 2999));

        var response = await ImportAsync(hub.Operator, "HM250796S25011_220279611.zip", zip);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.Matches(@"^Счет HM250796S25011_220279611\.zip\. Записей в счете 4, \(МЭК 2\), записей в реестре 4\. Талон не найден: 2999\. Время: \d+\.\d{1,2} cek\.$",
            body.GetProperty("message").GetString());
        var file = body.GetProperty("file").GetString()!;
        Assert.Matches(@"^reestr_amb_25011_02_2022_[A-Za-z0-9]{5}\.xlsx$", file);

        await using var conn = hub.Instance.OpenConnection();
        var states = (await conn.QueryAsync<(long Id, int Status, bool Mek)>("select id, status, mek from visit where id = any(@ids) order by number",
            new { ids = new[] { paid, zero, missing } })).ToList();
        Assert.Equal([(paid, 2, false), (zero, 1, true), (missing, 1, true)], states);
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>(
            "select count(*) from audit_log where operation = 'mek-mark' and field = 'mek' and new_value = 'true' and entity_id = any(@ids)",
            new { ids = new[] { zero.ToString(), missing.ToString() } }));

        var xlsx = await (await hub.Viewer.GetAsync($"/api/files/{file}")).Content.ReadAsByteArrayAsync();
        Assert.Equal("Центр ОГРН 1112539013696", ReturnsHub.Cell(xlsx, "E2"));
        Assert.Equal("ВС Альянс", ReturnsHub.Cell(xlsx, "E7"));
        Assert.Equal("За Февраль 2022 года", ReturnsHub.Cell(xlsx, "J1"));
        Assert.Equal(["2011", "2012", "2013", "2999"], new[] { "A13", "A14", "A15", "A16" }.Select(c => ReturnsHub.Cell(xlsx, c)));
        Assert.Equal([null, "МЭК", "МЭК"], new[] { "F13", "F14", "F15" }.Select(c => ReturnsHub.Cell(xlsx, c)));
        Assert.Equal("СИДОРОВ С. .", ReturnsHub.Cell(xlsx, "B13"));
        Assert.Equal(("ИТОГО:", "2230.73"), (ReturnsHub.Cell(xlsx, "S19"), ReturnsHub.Cell(xlsx, "T19")));
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Stranger.GetAsync($"/api/files/{file}")).StatusCode);

        var imports = (await (await hub.Viewer.GetAsync("/api/invoices")).JsonAsync()).GetProperty("items");
        Assert.Equal(file, imports[0].GetProperty("registerFile").GetString());
        Assert.Equal([2999], imports[0].GetProperty("notFound").EnumerateArray().Select(e => e.GetInt32()));
    }

    [Fact]
    public async Task Mek_marking_can_be_turned_off_and_smo_correction_is_audited()
    {
        var visit = await hub.AddVisitAsync(2101, 2022, 3, status: 2, smo: "25016");
        var zip = Invoice("250796S25011_2203796", H((2101, "0")), L(2101));

        var body = await (await ImportAsync(hub.Operator, "HM250796S25011_220379611.zip", zip, ("cmek", "false"), ("csmo", "1"))).JsonAsync();

        Assert.True(body.GetProperty("done").GetBoolean());
        Assert.Contains("(МЭК 0)", body.GetProperty("message").GetString());
        await using var conn = hub.Instance.OpenConnection();
        var (status, mek, smo, patientSmo) = await conn.QuerySingleAsync<(int, bool, string, string)>(
            "select v.status, v.mek, v.smo, p.smo from visit v join patient p on p.id = v.patient_id where v.id = @visit", new { visit });
        Assert.Equal((2, false, "25011", "25011"), (status, mek, smo, patientSmo));
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>(
            "select count(*) from audit_log where operation = 'fix-smo' and new_value = '25011' and entity_id in (@visit, @patient)",
            new { visit = visit.ToString(), patient = (await conn.ExecuteScalarAsync<long>("select patient_id from visit where id = @visit", new { visit })).ToString() }));
    }

    [Fact]
    public async Task A_fund_invoice_prints_the_inokraevye_layout_and_the_pmu_register_is_on_request()
    {
        await hub.AddVisitAsync(2201, 2022, 2, status: 2);
        var zip = Invoice("250796T25_2202796", H((2201, "100.50")), L(2201));

        var fund = await (await ImportAsync(hub.Operator, "HM250796T25_22027961.zip", zip)).JsonAsync();
        var tariffs = await (await ImportAsync(hub.Operator, "HM250796T25_22027961.zip", zip, ("register", "pmu"))).JsonAsync();

        var fundFile = fund.GetProperty("file").GetString()!;
        Assert.Matches(@"^reestr_foms_0_02_2022_[A-Za-z0-9]{5}\.xlsx$", fundFile);
        var fundXlsx = await (await hub.Operator.GetAsync($"/api/files/{fundFile}")).Content.ReadAsByteArrayAsync();
        Assert.Equal(("За Февраль 2022 года", "1", "2201", "100.50"),
            (ReturnsHub.Cell(fundXlsx, "C4"), ReturnsHub.Cell(fundXlsx, "A17"), ReturnsHub.Cell(fundXlsx, "B17"), ReturnsHub.Cell(fundXlsx, "R17")));

        var pmuFile = tariffs.GetProperty("file").GetString()!;
        Assert.Matches(@"^tarifs_0_02_2022_[A-Za-z0-9]{5}\.xlsx$", pmuFile);
        var pmu = await (await hub.Operator.GetAsync($"/api/files/{pmuFile}")).Content.ReadAsByteArrayAsync();
        Assert.Equal(("A06.09.005", "КТ органов грудной полости", "2230.73"), (ReturnsHub.Cell(pmu, "A21"), ReturnsHub.Cell(pmu, "B21"), ReturnsHub.Cell(pmu, "E21")));
        Assert.Equal(("A06.99.999", null, "0.20"), (ReturnsHub.Cell(pmu, "A22"), ReturnsHub.Cell(pmu, "B22"), ReturnsHub.Cell(pmu, "E22")));
        Assert.Equal(("ИТОГО", "2230.93"), (ReturnsHub.Cell(pmu, "A23"), ReturnsHub.Cell(pmu, "E23")));
    }

    public static TheoryData<string, byte[], string> HostileArchives()
    {
        var good = Invoice("250796S25011_2202796", H((2001, "0")), L(2001));
        return new()
        {
            { "HM250796S25011_220279611.zip", ReturnsHub.Zip(("../../HM250796S25011_2202796.xml", ReturnsHub.Cp1251(H((2001, "0"))))), "недопустимый путь в архиве" },
            { "HM250796S25011_220279611.zip", ReturnsHub.Zip(("/etc/HM250796S25011_2202796.xml", [0x3c])), "недопустимый путь в архиве" },
            { "HM250796S25011_220279611.zip", Encoding.UTF8.GetBytes("PK not a zip"), "не является zip-архивом" },
            { "HM250796S25011_220279611.zip", ReturnsHub.Zip(("HM250796S25011_2202796.xml", ReturnsHub.Cp1251(H((2001, "0"))))), "нет файла LM250796S25011_2202796.xml" },
            { "HM250796S25011_220279611.zip", ReturnsHub.Zip(("readme.txt", [0x20])), "Тип счета не поддерживается" },
            { "HM250796S25011_220279611.zip", ReturnsHub.Zip(("HM1.xml", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><!DOCTYPE ZL_LIST [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><ZL_LIST>&x;</ZL_LIST>")), ("LM1.xml", [0x3c])), "DTD и внешние сущности в файле запрещены" },
            { "invoice.zip", good, "Имя файла не соответствует шаблону: invoice.zip" },
            { "HM250796S_22027961.zip", good, "В имени файла счета HM250796S_22027961.zip нет smo" },
            { "HM250999S25011_220299911.zip", good, "Код МО: 250999, не зарегистрирован" },
            { "HM250796S25011_221379611.zip", good, "Неверный месяц 13" },
            { "HM250796S25011_220279611.rar", good, "Допустимое расширение имени файла .zip" },
        };
    }

    [Theory]
    [MemberData(nameof(HostileArchives))]
    public async Task A_bad_or_hostile_archive_is_refused_in_russian_and_changes_nothing(string name, byte[] zip, string expected)
    {
        await EnsureVisitAsync(2001);
        var before = await SnapshotAsync();

        var response = await ImportAsync(hub.Operator, name, zip);

        await response.AssertRefusedTaskAsync(expected);
        Assert.Equal(before, await SnapshotAsync());
    }

    [Fact]
    public async Task A_register_that_cannot_be_printed_refuses_the_import_changes_nothing_and_leaves_no_file()
    {
        // The register is written while the MEK marking runs and recorded in the same transaction: its failure undoes the
        // marking and leaves no file.
        await EnsureVisitAsync(2301);
        var templates = Path.Combine(hub.Instance.DataDir, "templates", ReturnsHub.Mo);
        Directory.CreateDirectory(templates);
        var broken = Path.Combine(templates, "reestr_amb.xlsx");
        await File.WriteAllTextAsync(broken, "not a workbook");
        try
        {
            var before = await SnapshotAsync();
            var filesBefore = StoredFiles();

            var response = await ImportAsync(hub.Operator, "HM250796S25011_220279611.zip", Invoice("250796S25011_2202796", H((2301, "0")), L(2301)));

            await response.AssertRefusedTaskAsync("Шаблон reestr_amb.xlsx не является книгой XLSX или повреждён");
            Assert.Equal(before, await SnapshotAsync());
            Assert.Equal(filesBefore, StoredFiles());
        }
        finally
        {
            File.Delete(broken);
        }
    }

    [Fact]
    public async Task A_marking_that_fails_while_the_register_is_written_refuses_the_import_and_leaves_no_file()
    {
        await EnsureVisitAsync(2302);
        await using var conn = hub.Instance.OpenConnection();
        await conn.ExecuteAsync(
            """
            create function refuse_mek() returns trigger language plpgsql as $$ begin raise exception 'the marking fails'; end $$;
            create trigger refuse_mek before update of mek on visit for each row execute function refuse_mek();
            """);
        try
        {
            var before = await SnapshotAsync();
            var filesBefore = StoredFiles();

            var response = await ImportAsync(hub.Operator, "HM250796S25011_220279611.zip", Invoice("250796S25011_2202796", H((2302, "0")), L(2302)));

            Assert.False(response.IsSuccessStatusCode);
            Assert.Equal(before, await SnapshotAsync());
            Assert.Equal(filesBefore, StoredFiles());
        }
        finally
        {
            await conn.ExecuteAsync("drop trigger refuse_mek on visit; drop function refuse_mek()");
        }
    }

    /// <summary>Every file under the data directory's produced files and scratch folder.</summary>
    private string[] StoredFiles() =>
        new[] { "files", "tmp" }.Select(d => Path.Combine(hub.Instance.DataDir, d)).Where(Directory.Exists)
            .SelectMany(d => Directory.GetFiles(d, "*", SearchOption.AllDirectories)).Order(StringComparer.Ordinal).ToArray();

    [Fact]
    public async Task A_zip_bomb_is_stopped_at_the_expanded_size_limit_and_changes_nothing()
    {
        await EnsureVisitAsync(2001);
        var bomb = new MemoryStream();
        using (var zip = new System.IO.Compression.ZipArchive(bomb, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var l = zip.CreateEntry("LM250796S25011_2202796.xml").Open())
            {
                l.Write("<PERS_LIST/>"u8);
            }

            using var h = zip.CreateEntry("HM250796S25011_2202796.xml", System.IO.Compression.CompressionLevel.SmallestSize).Open();
            h.Write("<ZL_LIST>"u8);
            var spaces = new byte[1024 * 1024];
            Array.Fill(spaces, (byte)' ');
            for (var i = 0; i < 300; i++)
            {
                h.Write(spaces);
            }
        }

        var before = await SnapshotAsync();

        var response = await ImportAsync(hub.Operator, "HM250796S25011_220279611.zip", bomb.ToArray());

        await response.AssertRefusedTaskAsync("после распаковки больше 256 МБ");
        Assert.Equal(before, await SnapshotAsync());
    }

    private async Task EnsureVisitAsync(int number)
    {
        await using var conn = hub.Instance.OpenConnection();
        if (!await conn.ExecuteScalarAsync<bool>("select exists (select 1 from visit where number = @number)", new { number }))
        {
            await hub.AddVisitAsync(number, 2022, 2, status: 2);
        }
    }

    [Theory]
    [InlineData("cmek", "on")]
    [InlineData("register", "onko")]
    public async Task A_wrong_option_is_refused(string field, string value)
    {
        var response = await ImportAsync(hub.Operator, "HM250796S25011_220279611.zip", Invoice("250796S25011_2202796", H((1, "0")), L(1)), (field, value));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False((await response.JsonAsync()).GetProperty("done").GetBoolean());
    }
}
