using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Registry;

/// <summary>
/// The hub chooses the region format by the MO's <c>region_format</c>: an MO of region 27 set to
/// <c>federal-baseline</c> gets the federal H/L pack (no P file, receiver T27, constants from its settings) through the
/// API and the <c>pack</c> verb, while the MO of the same hub set to <c>primorye-25</c> keeps its own format.
/// </summary>
public class FederalPackTests(PackHubFixture fixture) : IClassFixture<PackHubFixture>, IAsyncLifetime
{
    private const string MoCode = "270047";

    private int _moId;

    private HttpClient _operator = null!;

    public async Task InitializeAsync()
    {
        await using (var conn = fixture.Hub.OpenConnection())
        {
            _moId = await conn.ExecuteScalarAsync<int?>("select id from mo where code = @MoCode", new { MoCode }) ?? 0;
        }

        if (_moId == 0)
        {
            _moId = await fixture.Hub.AddMoAsync(MoCode, "Центр МРТ Хабаровск");
            await SeedAsync(_moId);
            await fixture.Hub.AddUserAsync("federal", Roles.Operator, MoCode);
        }

        _operator = await fixture.Hub.LoginAsync("federal");
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_mo_with_region_format_federal_baseline_gets_a_federal_pack_through_the_api()
    {
        var visit = await AddVisitAsync("f-101", 2026, 5);

        var response = await PackHubFixture.BuildAsync(_operator,
            new { month = "2026-05", number = 1, markSent = true, freshOnly = true, confirm = "federal" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.JsonAsync();
        Assert.Equal("HM270047T27_26051.zip", body.GetProperty("file").GetString());
        Assert.Equal(1, body.GetProperty("result").GetProperty("markedSent").GetInt32());
        Assert.Equal(2, await fixture.StatusAsync(visit.Id));

        var download = await _operator.GetAsync($"/api/packs/{body.GetProperty("result").GetProperty("packId").GetInt64()}/download");
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        Assert.Equal(["HM270047T27_26051.xml", "LM270047T27_26051.xml"], zip.Entries.Select(e => e.FullName));
        var h = Read(zip.Entries[0]);
        Assert.Contains("<ZGLV><VERSION>6.0</VERSION>", h);
        Assert.Contains("<CODE>26051</CODE><CODE_MO>270047</CODE_MO><YEAR>2026</YEAR><MONTH>5</MONTH><NSCHET>270047-26051</NSCHET>", h);
        Assert.Contains("<PLAT>27001</PLAT><SUMMAV>2189.50</SUMMAV>", h);
        Assert.Contains($"<ZAP><N_ZAP>{visit.Number}</N_ZAP><PR_NOV>0</PR_NOV><PACIENT><ID_PAC>2712345678901234</ID_PAC>", h);
        Assert.Contains("<MO_PR>270228</MO_PR>", h);
        Assert.Contains("<NPR_MO>270228</NPR_MO><NPR_DATE>2026-05-12</NPR_DATE><NPR_NUM>228000123</NPR_NUM><LPU>270047</LPU>", h);
        Assert.Contains("<LPU_1>27000000000047001</LPU_1><PROFIL>78</PROFIL><PROFIL_M>78</PROFIL_M><DET>0</DET><P_CEL>2.1</P_CEL><MOP>2</MOP>", h);
        Assert.Contains("<CODE_USL>A06.09.005</CODE_USL><KOL_USL>1</KOL_USL><TARIF>2189.50</TARIF><SUMV_USL>2189.50</SUMV_USL>", h);
        Assert.DoesNotContain("B01.039", h);
        Assert.Contains("<FILENAME1>HM270047T27_26051</FILENAME1>", Read(zip.Entries[1]));

        await using var conn = fixture.Hub.OpenConnection();
        Assert.Equal("federal-baseline", await conn.ExecuteScalarAsync<string>(
            "select region_format from pack where id = @id", new { id = body.GetProperty("result").GetProperty("packId").GetInt64() }));
    }

    [Fact]
    public async Task The_pack_verb_builds_the_federal_pack_of_that_mo_and_the_other_mo_keeps_its_format()
    {
        var visit = await AddVisitAsync("f-201", 2026, 6);
        var primoryePatient = await fixture.AddPatientAsync("p-201");
        await fixture.AddVisitAsync(primoryePatient, 2026, 6);
        var outDir = TempDir.Create("federal-out");

        var federal = await HubProcess.RunVerbAsync(Environment(), "pack", "build", "--month", "2026-06", "--mo", MoCode, "--out", outDir, "--json");
        var primorye = await HubProcess.RunVerbAsync(Environment(), "pack", "build", "--month", "2026-06", "--mo", "250796", "--out", outDir, "--json");

        Assert.True(federal.ExitCode == 0, federal.Stderr);
        var json = JsonDocument.Parse(federal.Stdout).RootElement;
        Assert.Equal(Path.Combine(outDir, "HM270047T27_26061.zip"), json.GetProperty("zip").GetString());
        Assert.Equal(1, json.GetProperty("records").GetInt32());
        Assert.Equal(0, json.GetProperty("errors").GetInt32());
        using (var zip = ZipFile.OpenRead(json.GetProperty("zip").GetString()!))
        {
            Assert.Equal(["HM270047T27_26061.xml", "LM270047T27_26061.xml"], zip.Entries.Select(e => e.FullName));
            Assert.Contains($"<N_ZAP>{visit.Number}</N_ZAP>", Read(zip.Entries[0]));
        }

        Assert.True(primorye.ExitCode == 0, primorye.Stderr);
        Assert.Equal(Path.Combine(outDir, "H25079660601.zip"), JsonDocument.Parse(primorye.Stdout).RootElement.GetProperty("zip").GetString());
        TempDir.TryDelete(outDir);
    }

    [Fact]
    public async Task A_missing_setting_of_the_federal_format_is_refused_with_its_message_and_nothing_is_marked()
    {
        var visit = await AddVisitAsync("f-301", 2026, 7);
        await using (var conn = fixture.Hub.OpenConnection())
        {
            await conn.ExecuteAsync("update mo set plat = null where id = @_moId", new { _moId });
        }

        try
        {
            var response = await PackHubFixture.BuildAsync(_operator,
                new { month = "2026-07", number = 1, markSent = true, confirm = "federal" });

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("Для формата federal-baseline в настройках МО не заданы: PLAT", await response.Content.ReadAsStringAsync());
            Assert.Equal(1, await fixture.StatusAsync(visit.Id));
        }
        finally
        {
            await using var conn = fixture.Hub.OpenConnection();
            await conn.ExecuteAsync("update mo set plat = '27001' where id = @_moId", new { _moId });
        }
    }

    private Dictionary<string, string?> Environment() => new()
    {
        ["ConnectionStrings__Working"] = fixture.Hub.ConnectionString,
        ["Omslite__DataDir"] = fixture.Hub.DataDir,
        ["Omslite__PluginsDir"] = fixture.PluginsDir,
    };

    /// <summary>A local ENP holder of region 27 (insurer OKATO 08000) attached to MO 228, with a CT visit referred by it.</summary>
    private async Task<(long Id, int Number)> AddVisitAsync(string card, int year, int month)
    {
        var patient = await PackHubFixture.AddPatientAsync(fixture.Hub.ConnectionString, _moId, card, enp: "2712345678901234");
        await using (var conn = fixture.Hub.OpenConnection())
        {
            await conn.ExecuteAsync(
                "update patient set smo = '27002', smo_okato = '08000', st_okato = '08000' where id = @patient", new { patient });
        }

        return await PackHubFixture.AddVisitAsync(fixture.Hub.ConnectionString, _moId, patient, year, month);
    }

    /// <summary>Region 27 (OKATO 08000), format federal-baseline with its constants, and the books a visit needs.</summary>
    private async Task SeedAsync(int moId)
    {
        await using var conn = fixture.Hub.OpenConnection();
        await conn.ExecuteAsync(
            """
            update mo set region = '27', okato = '08000', region_format = 'federal-baseline', lpu_1 = '27000000000047001',
                          plat = '27001', settings = '{"profilM": "78", "mop": "2"}'
            where id = @moId;
            insert into local_specialty (mo_id, spec, name, prvs, profil) values (@moId, 63, 'Рентгенолог', 60, 78);
            insert into doctor (mo_id, code, spec, family, snils) values (@moId, 1, 63, 'Рентгенова А.А.', '10122021147');
            insert into profile_service (mo_id, profil, one_visit, two_visit, podr) values (@moId, 78, 'B01.039.001', 'B01.039.002', 221);
            insert into mo_local (mo_id, short_code, code, short_name, name) values (@moId, '228', '270228', 'ПОЛИКЛИНИКА', 'КГБУЗ "ПОЛИКЛИНИКА"');
            with v as (insert into tariff_version (mo_id, valid_from) values (@moId, '2025-01-01') returning id)
            insert into tariff (version_id, code, name, price) select id, 'A06.09.005', 'КТ ОГК', 2189.50 from v;
            """,
            new { moId });
    }

    private static string Read(ZipArchiveEntry entry)
    {
        using var reader = new StreamReader(entry.Open(), CodePagesEncoding());
        return reader.ReadToEnd();
    }

    private static Encoding CodePagesEncoding()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1251);
    }
}
