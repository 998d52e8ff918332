using System.Net.Http.Json;
using Dapper;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Visits;

/// <summary>
/// A hub with MO 250796 (short code 796), its books (payment 1, purpose 4, radiologist 63/1, MKB-10, local MOs, PMU
/// with tariffs) and two patients: one attached elsewhere (needs a referral), one attached here.
/// </summary>
public sealed class VisitApiFixture : IAsyncLifetime
{
    public TestHub Hub { get; private set; } = null!;

    public HttpClient Operator { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public int MoId { get; private set; }

    public long VisitorPatientId { get; private set; }

    public long AttachedPatientId { get; private set; }

    public async Task InitializeAsync()
    {
        Hub = await TestHub.StartAsync();
        MoId = await Hub.AddMoAsync("250796", "Центр КТ");
        await Hub.AddUserAsync("operator", Roles.Operator, "250796");
        await Hub.AddUserAsync("admin", Roles.Admin, "250796");
        Operator = await Hub.LoginAsync("operator");
        Admin = await Hub.LoginAsync("admin");
        await using var conn = Hub.OpenConnection();
        await conn.ExecuteAsync(
            """
            insert into local_lookup (mo_id, book, code, name) values
              (@MoId, 'ist_fin', 1, 'ОМС'), (@MoId, 'purpose', 4, 'Профосмотры');
            insert into local_specialty (mo_id, spec, name, prvs, profil) values
              (@MoId, 63, 'Рентгенолог', 60, 78), (@MoId, 76, 'Терапевт', 76, 97);
            insert into doctor (mo_id, code, spec, family, snils) values
              (@MoId, 1, 63, 'Рентгенова А.А.', '12345678901'), (@MoId, 2, 76, 'Терапевтов Б.Б.', '10987654321');
            insert into nsi_book (book, name) values ('MKB10', 'МКБ-10');
            insert into nsi_entry (book, code, name, date_beg, date_end) values
              ('MKB10', 'R91', 'Неспецифические отклонения от нормы при визуализации лёгких', '1900-01-01', null),
              ('MKB10', 'Z01.8', 'Другое уточнённое специальное обследование', '1900-01-01', null),
              ('MKB10', 'K87.1', 'Поражения поджелудочной железы', '1900-01-01', '2019-12-31');
            insert into mo_local (mo_id, short_code, code, short_name, name) values
              (@MoId, '228', '250228', 'ПОЛИКЛИНИКА №4', 'КГБУЗ "ВЛАДИВОСТОКСКАЯ ПОЛИКЛИНИКА №4"'),
              (@MoId, '028', '250028', 'БОЛЬНИЦА №28', 'КГБУЗ "БОЛЬНИЦА №28"');
            insert into pmu (mo_id, code, ccode, name, code_podr, code_spec) values
              (@MoId, 'A06.09.005', 5, 'Компьютерная томография органов грудной полости', null, 63),
              (@MoId, 'A05.23.009', 7, 'Магнитно-резонансная томография головного мозга', 221, 63),
              (@MoId, 'A99.99.999', 9, 'Услуга без специальности', null, null);
            insert into pmu_group (mo_id, name) values (@MoId, 'КТ и МРТ');
            insert into pmu_group_member (group_id, code) select id, c from pmu_group, unnest(array['A06.09.005', 'A05.23.009']) c;
            with v as (insert into tariff_version (mo_id, valid_from) values (@MoId, '2026-01-01') returning id)
            insert into tariff (version_id, code, name, price) select id, 'A06.09.005', 'КТ ОГК', 2230.73 from v;
            """,
            new { MoId });
        VisitorPatientId = await conn.ExecuteScalarAsync<long>(
            "insert into patient (mo_id, card_number, fam, im, sex, birth_date, policy_type, policy_number, smo, mo_att) values (@MoId, '501', 'ПРИШЛЫЙ', 'ПЁТР', 'м', '1970-01-01', 3, '2512345678901234', '25011', '228') returning id",
            new { MoId });
        AttachedPatientId = await conn.ExecuteScalarAsync<long>(
            "insert into patient (mo_id, card_number, fam, im, ot, sex, birth_date, policy_type, policy_number, smo, mo_att) values (@MoId, '502', 'СВОЙ', 'ИВАН', 'ИВАНОВИЧ', 'м', '1970-01-01', 3, '2512345678901235', '25011', '796') returning id",
            new { MoId });
    }

    public async Task DisposeAsync() => await Hub.DisposeAsync();

    /// <summary>A diagnostic visit of the radiologist that passes every rule for the visiting patient.</summary>
    public static Dictionary<string, object?> ValidVisit() => new()
    {
        ["openDate"] = "2026-01-12",
        ["closeDate"] = "2026-01-12",
        ["reportYear"] = 2026,
        ["reportMonth"] = 1,
        ["istFin"] = 1,
        ["purpose"] = 4,
        ["docSpec"] = 63,
        ["docCode"] = 1,
        ["ds1"] = "R91",
        ["char1"] = 1,
        ["ishod"] = 4,
        ["rslt"] = 14,
        ["visitPol"] = 1,
        ["nprMo"] = "228",
        ["nprSpec"] = 76,
        ["nprNumber"] = "228022021",
    };

    public async Task<System.Text.Json.JsonElement> CreateVisitAsync(Dictionary<string, object?>? fields = null, long? patientId = null)
    {
        var response = await Operator.PostAsJsonAsync("/api/visits", new { patientId = patientId ?? VisitorPatientId, fields = fields ?? ValidVisit() });
        response.EnsureSuccessStatusCode();
        return await response.JsonAsync();
    }
}
