using Dapper;
using Omslite.Hub.Security;
using Omslite.Hub.Visits;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.Tests.Registry;

namespace Omslite.Hub.Tests.Visits;

/// <summary>
/// A hub for the visit stages: the built region-format plugins and MO 250796 with the books a pack needs
/// (<see cref="PackHubFixture.SeedRegionBooksAsync"/>), the books a visit or card save needs (payment, purpose,
/// MKB-10, the referring therapist, the passport), the SMO and OGRN an invoice register needs, an MIS source, and
/// users: an operator of the MO and an admin of another MO. Each test works in its own report month.
/// </summary>
public sealed class VisitStageFixture : IAsyncLifetime
{
    private string _plugins = "";

    public TestHub Hub { get; private set; } = null!;

    public int MoId { get; private set; }

    public int SourceId { get; private set; }

    public HttpClient Operator { get; private set; } = null!;

    public HttpClient Stranger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _plugins = PackHubFixture.PublishPlugin();
        Hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Omslite:PluginsDir"] = _plugins });
        MoId = await Hub.AddMoAsync("250796", "Центр КТ");
        var other = await Hub.AddMoAsync("250555", "Другой центр");
        await PackHubFixture.SeedRegionBooksAsync(Hub.ConnectionString, MoId, other);
        await using (var conn = Hub.OpenConnection())
        {
            SourceId = await conn.ExecuteScalarAsync<int>(
                """
                update mo set settings = '{"ogrn": "1112539013696"}' where id = @MoId;
                insert into local_lookup (mo_id, book, code, name) values (@MoId, 'ist_fin', 1, 'ОМС'), (@MoId, 'purpose', 4, 'Профосмотры');
                insert into local_specialty (mo_id, spec, name, prvs, profil) values (@MoId, 76, 'Терапевт', 76, 97);
                insert into nsi_book (book, name) values ('MKB10', 'МКБ-10'), ('F011', 'ДУЛ');
                insert into nsi_entry (book, code, name, date_beg, attrs) values
                  ('F011', '14', 'Паспорт гражданина РФ', '1900-01-01', '{"serialTpl": "99 99", "numberTpl": "9999990"}');
                insert into nsi_entry (book, code, name, date_beg) values
                  ('MKB10', 'R91', 'Неспецифические отклонения от нормы при визуализации лёгких', '1900-01-01'),
                  ('MKB10', 'Z01.8', 'Другое уточнённое специальное обследование', '1900-01-01');
                insert into smo_local (mo_id, code, okato, name) values (@MoId, '25011', '05000', 'ВС Альянс');
                insert into mis_source (mo_id, name, connector) values (@MoId, 'stage-mis', 'sql-firebird') returning id;
                """,
                new { MoId });
        }

        await Hub.AddUserAsync("operator", Roles.Operator, "250796");
        await Hub.AddUserAsync("stranger", Roles.Admin, "250555");
        Operator = await Hub.LoginAsync("operator");
        Stranger = await Hub.LoginAsync("stranger");
    }

    public async Task DisposeAsync()
    {
        await Hub.DisposeAsync();
        TempDir.TryDelete(_plugins);
    }

    /// <summary>A CT visit of a month of 2026 that passes the region checks (the pack tests' visit), on a card of its own.</summary>
    public async Task<(long Id, int Number)> AddVisitAsync(string card, int month, string? ds1 = "R91")
    {
        var patient = await PackHubFixture.AddPatientAsync(Hub.ConnectionString, MoId, card, enp: "25123456789" + card.PadLeft(5, '0'));
        var visit = await PackHubFixture.AddVisitAsync(Hub.ConnectionString, MoId, patient, 2026, month, ds1: ds1);
        await using var conn = Hub.OpenConnection();
        await conn.ExecuteAsync("update visit set npr_spec = 76 where id = @Id", new { visit.Id }); // the referring specialist a save asks for
        return visit;
    }

    /// <summary>
    /// Makes a visit one synced from the MIS, the way the sync leaves it: source and key, and the fields and the PMU
    /// set as the MIS sent them (text values, services as "code|qty|date") — here, its values as they are now.
    /// </summary>
    public async Task SyncedAsync(long visitId)
    {
        await using var conn = Hub.OpenConnection();
        await conn.ExecuteAsync(
            """
            update visit v set source_id = @SourceId, source_key = 'K' || v.id where id = @visitId;
            insert into visit_mis (visit_id, mis_values)
            select v.id, (select jsonb_object_agg(key, value) from jsonb_each_text(to_jsonb(v)) where key = any(@Columns) and value is not null)
                         || jsonb_build_object('__services',
                                (select string_agg(s.code || '|' || s.quantity || '|' || to_char(s.service_date, 'YYYY-MM-DD'), ';')
                                 from visit_service s where s.visit_id = v.id))
            from visit v where v.id = @visitId;
            """,
            new { SourceId, visitId, Columns = MisColumns });
    }

    /// <summary>The fields a sync writes; <c>visit_mis</c> keeps the non-null ones.</summary>
    private static readonly string[] MisColumns = VisitColumns.Stored.Select(c => c.Column).ToArray();
}
