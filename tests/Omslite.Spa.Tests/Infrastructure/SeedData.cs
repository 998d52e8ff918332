using Dapper;
using Omslite.Hub.Visits;

namespace Omslite.Spa.Tests.Infrastructure;

/// <summary>Patients and visits of the demo MO, written straight into the working database.</summary>
public static class SeedData
{
    public const int QueueVisits = 124;

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    /// <summary>
    /// 60 cards and 124 visits of the current report month (every tenth closed), plus СМИРНОВА with one visit: enough
    /// for three pages of the review list and a surname that only one row has.
    /// </summary>
    public static async Task ReviewQueueAsync(SpaHub hub)
    {
        await using var conn = await hub.Database.OpenConnectionAsync();
        await conn.ExecuteAsync(
            """
            insert into patient (mo_id, card_number, fam, im, ot, sex, birth_date, policy_type, policy_number, smo, smo_okato, mo_att)
            select @mo, (1000 + g)::text, (array['ИВАНОВ', 'ПЕТРОВА', 'СИДОРОВ', 'КУЗНЕЦОВА', 'ПОПОВ'])[1 + g % 5],
                   (array['ИВАН', 'МАРИЯ', 'ОЛЕГ', 'ЕЛЕНА', 'ПАВЕЛ'])[1 + g % 5], 'ТЕСТОВИЧ', 'м', date '1950-01-01' + g * 173,
                   3, (2500000000000000 + g)::text, '25011', '05000', '999'
            from generate_series(1, 60) g;
            insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, ist_fin, purpose, usl_ok,
                               doc_spec, doc_code, ds1, char1, ishod, rslt, visit_pol, status)
            select @mo, p.id, @day, @day, @year, @month, 1, 4, 3, 63, 1 + g % 3, 'R91', 1, 4, 14, 1, case when g % 10 = 0 then 2 else 1 end
            from generate_series(1, @count) g
            join patient p on p.mo_id = @mo and p.card_number = (1001 + g % 60)::text;
            """,
            new { mo = hub.MoId, day = Today, year = Today.Year, month = Today.Month, count = QueueVisits });
        await VisitAsync(hub, "555", "СМИРНОВА", "АННА");
    }

    /// <summary>A card with one open visit of today (radiologist 63/1, R91, attached here); returns the visit id and number.</summary>
    public static async Task<(long Id, int Number, long PatientId)> VisitAsync(SpaHub hub, string card, string fam, string im = "ТЕСТ")
    {
        await using var conn = await hub.Database.OpenConnectionAsync();
        var patientId = await conn.ExecuteScalarAsync<long>(
            """
            insert into patient (mo_id, card_number, fam, im, ot, sex, birth_date, policy_type, policy_number, smo, smo_okato, mo_att,
                                 dul_type, dul_series, dul_number, dul_date, dul_issuer)
            values (@mo, @card, @fam, @im, 'ПЕТРОВНА', 'ж', '1971-05-04', 3, @policy, '25011', '05000', '999',
                    14, '05 07', '123456', '2016-06-01', 'УМВД РОССИИ ПО ПРИМОРСКОМУ КРАЮ')
            returning id
            """,
            new { mo = hub.MoId, card, fam, im, policy = "25" + card.PadLeft(14, '7') });
        var visit = await conn.QuerySingleAsync<(long Id, int Number)>(
            """
            insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, ist_fin, purpose, usl_ok,
                               doc_spec, doc_code, ds1, char1, ishod, rslt, visit_pol)
            values (@mo, @patientId, @day, @day, @year, @month, 1, 4, 3, 63, 1, 'R91', 1, 4, 14, 1)
            returning id, number
            """,
            new { mo = hub.MoId, patientId, day = Today, year = Today.Year, month = Today.Month });
        return (visit.Id, visit.Number, patientId);
    }

    /// <summary>The report month of the pack tests: served by primorye-25 version 6.0, before any other test's month.</summary>
    public const string PackMonth = "2026-03";

    /// <summary>
    /// Three visits of <see cref="PackMonth"/> (or of another <paramref name="month"/> of 2026; radiologist 63/1, CT of the chest at the demo tariff, referred by MO 228):
    /// two that pass the region checks and one without a service, which the check excludes. Returns the excluded one.
    /// </summary>
    public static async Task<(long Id, int Number, long PatientId, string Card)> PackMonthAsync(SpaHub hub, int month = 3)
    {
        await using var conn = await hub.Database.OpenConnectionAsync();
        (long Id, int Number, long PatientId, string Card) excluded = default;
        var cards = month == 3 ? "880" : $"88{month}"; // card numbers of their own for another month
        foreach (var (n, fam, im, service) in new[] { (1, "РЕЕСТРОВА", "АННА", true), (2, "ПАКЕТОВА", "МАРИЯ", true), (3, "БЕЗУСЛУГОВА", "ОЛЬГА", false) })
        {
            var card = cards + n;
            var patientId = await conn.ExecuteScalarAsync<long>(
                """
                insert into patient (mo_id, card_number, fam, im, ot, sex, birth_date, policy_type, policy_number, smo, smo_okato,
                                     st_okato, dul_type, dul_series, dul_number, mo_att, soc)
                values (@mo, @card, @fam, @im, 'СЕРГЕЕВНА', 'ж', '1976-06-19', 3, @enp, '25011', '05000', '05000', 14, '05 12', '345678', '228', 0)
                returning id
                """,
                new { mo = hub.MoId, card, fam, im, enp = "251234567890" + card });
            var day = new DateOnly(2026, month, 12);
            var visit = await conn.QuerySingleAsync<(long Id, int Number)>(
                """
                insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, status, ist_fin, purpose, usl_ok,
                                   for_pom, doc_spec, doc_code, ds1, char1, ishod, rslt, visit_pol, npr_mo, npr_number, npr_date)
                values (@mo, @patientId, @day, @day, 2026, @month, 1, 1, 4, 3, 3, 63, 1, 'R91', 1, 4, 14, 1, '228', '228000123', @day)
                returning id, number
                """,
                new { mo = hub.MoId, patientId, day, month });
            if (service)
            {
                await conn.ExecuteAsync(
                    "insert into visit_service (visit_id, code, quantity, service_date, exec_podr) values (@Id, 'A06.09.005', 1, @day, 221)",
                    new { visit.Id, day });
            }
            else
            {
                excluded = (visit.Id, visit.Number, patientId, card);
            }
        }

        return excluded;
    }

    /// <summary>
    /// A visit of the current month synced from the source <paramref name="source"/> (made here if missing, without a
    /// schedule): its MIS values, a correction of the result, and the given conflicts (column → MIS value, local value).
    /// </summary>
    public static async Task<(long Id, int Number)> SyncedVisitAsync(
        SpaHub hub, string source, string card, string fam, int status, string? reason, params (string Column, string Mis, string Local)[] conflicts)
    {
        var visit = await VisitAsync(hub, card, fam);
        await using var conn = await hub.Database.OpenConnectionAsync();
        var sourceId = await conn.ExecuteScalarAsync<int>(
            """
            insert into mis_source (mo_id, name, connector) values (@mo, @source, 'sql-firebird')
            on conflict (mo_id, name) do update set name = excluded.name returning id
            """,
            new { mo = hub.MoId, source });
        // What the MIS sent: every field a sync writes, as the visit was seeded, except the result (corrected here from
        // 1 to 14) and the conflicts' new values.
        var sent = new Dictionary<string, string> { ["rslt"] = "1" };
        var found = conflicts.ToDictionary(c => c.Column, c => new { Mis = c.Mis, Local = c.Local });
        foreach (var c in conflicts)
        {
            sent[c.Column] = c.Mis;
        }

        await conn.ExecuteAsync(
            $"""
            insert into visit_mis (visit_id, mis_values)
            select v.id, (select jsonb_object_agg(e.key, e.value #>> array[]::text[]) from jsonb_each(to_jsonb(v)) e
                          where e.key = any(@columns) and jsonb_typeof(e.value) <> 'null') || @sent::jsonb
            from visit v where v.id = @Id;
            update visit set source_id = @sourceId, source_key = @key, conflicts = @conflicts::jsonb,
                   review_reason = @reason, status = @status{string.Concat(conflicts.Select(c => $", {c.Column} = '{c.Local}'"))}
            where id = @Id
            """,
            new
            {
                visit.Id, sourceId, key = "MIS-" + card, columns = VisitColumns.Stored.Select(c => c.Column).ToArray(),
                sent = System.Text.Json.JsonSerializer.Serialize(sent), conflicts = System.Text.Json.JsonSerializer.Serialize(found), reason, status,
            });
        return (visit.Id, visit.Number);
    }
}
