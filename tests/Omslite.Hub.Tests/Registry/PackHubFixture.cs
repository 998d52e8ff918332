using System.Net.Http.Json;
using Dapper;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Registry;

/// <summary>
/// A hub whose plugins folder holds the built primorye-25 and federal-baseline plugins (loaded through the plugin
/// catalog), MO 250796 with
/// region format primorye-25 and LPU_1, its books (radiologist 63 → PRVS 60 / profile 78, doctor 63/1, appointment
/// service of profile 78, local MOs, the A06.09.005 tariff), users of every role and a second MO. Each test works in
/// its own report month.
/// </summary>
public sealed class PackHubFixture : IAsyncLifetime
{
    public TestHub Hub { get; private set; } = null!;

    public string PluginsDir { get; private set; } = null!;

    public int MoId { get; private set; }

    public int OtherMoId { get; private set; }

    public HttpClient Admin { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public HttpClient Viewer { get; private set; } = null!;

    public HttpClient OtherMo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        PluginsDir = PublishPlugin();
        Hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Omslite:PluginsDir"] = PluginsDir });
        MoId = await Hub.AddMoAsync("250796", "Центр КТ");
        OtherMoId = await Hub.AddMoAsync("250555", "Другой центр");
        await Hub.AddUserAsync("admin", Roles.Admin, "250796");
        await Hub.AddUserAsync("operator", Roles.Operator, "250796");
        await Hub.AddUserAsync("viewer", Roles.Viewer, "250796");
        await Hub.AddUserAsync("stranger", Roles.Admin, "250555");
        Admin = await Hub.LoginAsync("admin");
        Operator = await Hub.LoginAsync("operator");
        Viewer = await Hub.LoginAsync("viewer");
        OtherMo = await Hub.LoginAsync("stranger");
        await SeedRegionBooksAsync(Hub.ConnectionString, MoId, OtherMoId);
    }

    /// <summary>Region format primorye-25 with LPU_1 and PLAT on the MOs, and the first MO's books a pack needs.</summary>
    public static async Task SeedRegionBooksAsync(string connectionString, int moId, int otherMoId)
    {
        await using var conn = new Npgsql.NpgsqlConnection(connectionString);
        await conn.ExecuteAsync(
            """
            update mo set region_format = 'primorye-25', lpu_1 = '25202607000001001', plat = '25011' where id in (@MoId, @OtherMoId);
            insert into local_specialty (mo_id, spec, name, prvs, profil) values (@MoId, 63, 'Рентгенолог', 60, 78);
            insert into doctor (mo_id, code, spec, family, snils) values (@MoId, 1, 63, 'Рентгенова А.А.', '10122021147');
            insert into profile_service (mo_id, profil, one_visit, two_visit, podr) values (@MoId, 78, 'B01.039.001', 'B01.039.002', 221);
            insert into mo_local (mo_id, short_code, code, short_name, name) values
              (@MoId, '228', '250228', 'ПОЛИКЛИНИКА №4', 'КГБУЗ "ВЛАДИВОСТОКСКАЯ ПОЛИКЛИНИКА №4"'),
              (@MoId, '337', '250337', 'БОЛЬНИЦА', 'КГБУЗ "БОЛЬНИЦА"');
            with v as (insert into tariff_version (mo_id, valid_from) values (@MoId, '2025-01-01') returning id)
            insert into tariff (version_id, code, name, price) select id, 'A06.09.005', 'КТ ОГК', 2189.50 from v;
            """,
            new { MoId = moId, OtherMoId = otherMoId });
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        TempDir.TryDelete(PluginsDir);
    }

    /// <summary>A local ENP holder with a passport; returns the patient id.</summary>
    public Task<long> AddPatientAsync(string card, string fam = "ИВАНОВА", string enp = "2512345678901234", int? moId = null) =>
        AddPatientAsync(Hub.ConnectionString, moId ?? MoId, card, fam, enp);

    public static async Task<long> AddPatientAsync(string connectionString, int moId, string card, string fam = "ИВАНОВА", string enp = "2512345678901234")
    {
        await using var conn = new Npgsql.NpgsqlConnection(connectionString);
        return await conn.ExecuteScalarAsync<long>(
            """
            insert into patient (mo_id, card_number, fam, im, ot, sex, birth_date, policy_type, policy_number, smo, smo_okato,
                                 st_okato, smo_name, dul_type, dul_series, dul_number, mo_att, soc)
            values (@mo, @card, @fam, 'АННА', 'СЕРГЕЕВНА', 'ж', '1976-06-19', 3, @enp, '25011', '05000', '05000',
                    'ООО СМО "Восточно-страховой альянс"', 14, '05 12', '345678', '228', 0)
            returning id
            """,
            new { mo = moId, card, fam, enp });
    }

    /// <summary>A radiologist's CT visit of the report month, referred by MO 228, with one tariffed PMU row; returns its
    /// id and number.</summary>
    public Task<(long Id, int Number)> AddVisitAsync(
        long patientId, int year, int month, int status = 1, string? ds1 = "R91", bool withService = true, int? moId = null, bool mek = false) =>
        AddVisitAsync(Hub.ConnectionString, moId ?? MoId, patientId, year, month, status, ds1, withService, mek);

    public static async Task<(long Id, int Number)> AddVisitAsync(
        string connectionString, int moId, long patientId, int year, int month, int status = 1, string? ds1 = "R91", bool withService = true, bool mek = false)
    {
        await using var conn = new Npgsql.NpgsqlConnection(connectionString);
        var day = new DateOnly(year, month, 12);
        var visit = await conn.QuerySingleAsync<(long Id, int Number)>(
            """
            insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, status, mek, ist_fin,
                               purpose, usl_ok, for_pom, doc_spec, doc_code, ds1, char1, ishod, rslt, visit_pol, npr_mo,
                               npr_number, npr_date)
            values (@mo, @patientId, @day, @day, @year, @month, @status, @mek, 1, 4, 3, 3, 63, 1, @ds1, 1, 4, 14, 1, '228',
                    '228000123', @day)
            returning id, number
            """,
            new { mo = moId, patientId, day, year, month, status, ds1, mek });
        if (withService)
        {
            await conn.ExecuteAsync(
                "insert into visit_service (visit_id, code, quantity, service_date, exec_podr) values (@Id, 'A06.09.005', 1, @day, 221)",
                new { visit.Id, day });
        }

        return visit;
    }

    public async Task<int> StatusAsync(long visitId)
    {
        await using var conn = Hub.OpenConnection();
        return await conn.ExecuteScalarAsync<int>("select status from visit where id = @visitId", new { visitId });
    }

    public static Task<HttpResponseMessage> BuildAsync(HttpClient client, object body) => client.PostAsJsonAsync("/api/packs", body);

    /// <summary>Copies the built region-format plugins (their output folders: assembly, the RegistryXml library,
    /// deps.json, plugin.json) into a fresh plugins folder, the way <c>./omslite</c> publishes them.</summary>
    public static string PublishPlugin() =>
        BuiltPlugins.Folder(("region-formats/Primorye25", "primorye-25"), ("region-formats/FederalBaseline", "federal-baseline"));
}
