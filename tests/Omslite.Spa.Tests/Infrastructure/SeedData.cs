using Dapper;

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
}
