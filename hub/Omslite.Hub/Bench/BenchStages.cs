using Dapper;
using Npgsql;

namespace Omslite.Hub.Bench;

/// <summary>
/// Each bench month as a month in the middle of its cycle, so that the overview's counts and the stage filters of the
/// review list do their real work (<see cref="Visits.VisitStages"/>): a pack sent three weeks ago (every third visit),
/// an FLK protocol that reopened one in fifty of those, MEK refusals, a check yesterday that passed the open visits
/// but one in twenty, then
/// corrections (one synced visit in twenty) and changes from the MIS (one open visit in twenty-five).
/// </summary>
public static class BenchStages
{
    public static Task SeedAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int moId, CancellationToken ct) =>
        conn.ExecuteAsync(new CommandDefinition(
            """
            insert into pack (mo_id, report_year, report_month, number, check_only, mark_sent, region_format, records, persons, excluded, created_by, created_at)
              select @moId, 2026, m, 1, false, true, 'primorye-25', 0, 0, 0, 'bench', now() - interval '21 days' from generate_series(1, 12) m;
            insert into pack_visit (pack_id, position, visit_id)
              select k.id, row_number() over (partition by k.id order by v.id), v.id
              from visit v join pack k on k.mo_id = v.mo_id and k.report_month = v.report_month and not k.check_only
              where v.mo_id = @moId and v.id % 3 = 0;
            update visit set status = 2 where mo_id = @moId and id % 3 = 0;

            insert into flk_batch (mo_id, file_name, report_year, report_month, records, cases, matched, errors, reopened, imported_by, imported_at)
              select @moId, 'FHT25M250888_26' || lpad(m::text, 2, '0') || '8881.xml', 2026, m, 0, 0, 0, 0, 0, 'bench', now() - interval '14 days'
              from generate_series(1, 12) m;
            insert into flk_error (batch_id, visit_id, patient_id, visit_number, code, description)
              select b.id, v.id, v.patient_id, v.number, '910', 'Пациент не идентифицирован в РС ЕРЗ'
              from visit v join flk_batch b on b.mo_id = v.mo_id and b.report_month = v.report_month
              where v.mo_id = @moId and v.id % 150 = 0;
            update visit set status = 1 where mo_id = @moId and id % 150 = 0;
            update visit set status = 1, mek = true where mo_id = @moId and id % 3 = 0 and id % 200 = 99;

            insert into pack (mo_id, report_year, report_month, number, check_only, region_format, records, persons, excluded, created_by, created_at)
              select @moId, 2026, m, 1, true, 'primorye-25', 0, 0, 0, 'bench', now() - interval '1 day' from generate_series(1, 12) m;
            insert into pack_visit (pack_id, position, visit_id)
              select k.id, row_number() over (partition by k.id order by v.id), v.id
              from visit v join pack k on k.mo_id = v.mo_id and k.report_month = v.report_month and k.check_only
              where v.mo_id = @moId and v.status = 1 and v.id % 20 <> 7;
            insert into pack_problem (pack_id, position, visit_id, number, patient_id, card_number, code, field, message)
              select k.id, row_number() over (partition by k.id order by v.id), v.id, v.number, v.patient_id, '', '904', 'DS1', 'Нет диагноза'
              from visit v join pack k on k.mo_id = v.mo_id and k.report_month = v.report_month and k.check_only
              where v.mo_id = @moId and v.status = 1 and v.id % 20 = 7;

            update visit set ds1 = 'Z01.8', updated_at = now() - interval '2 hours' where mo_id = @moId and source_id is not null and id % 20 = 11;
            update visit set updated_at = now() - interval '1 hour' where mo_id = @moId and status = 1 and id % 25 = 13;
            update patient set updated_at = now() - interval '30 days' where mo_id = @moId;
            """,
            new { moId }, tx, commandTimeout: 600, cancellationToken: ct));
}
