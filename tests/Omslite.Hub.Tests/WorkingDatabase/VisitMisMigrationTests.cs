using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.Visits;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Tests.WorkingDatabase;

/// <summary>Migration 0020 moves what the MIS sent out of the visit row into <c>visit_mis</c>; the correction flags
/// follow it there.</summary>
public class VisitMisMigrationTests
{
    [Fact]
    public async Task The_mis_values_of_synced_visits_move_with_their_flags_and_keep_flagging_corrections()
    {
        await using var database = await TestPostgres.CreateDataSourceAsync();
        var runner = new MigrationRunner(database, NullLogger<MigrationRunner>.Instance);
        await runner.MigrateAsync(Migration.All.Where(m => m.Version < 20).ToList(), default);

        await using var conn = await database.OpenConnectionAsync();
        // K-7 synced and corrected here (ds1), K-8 synced as the MIS sent it, K-9 typed in the hub.
        await conn.ExecuteAsync(
            """
            insert into mo (code, short_code, name, region, okato) values ('250796', '796', 'Центр КТ', '25', '05000');
            insert into mis_source (mo_id, name, connector) select id, 'mis', 'sql-postgresql' from mo;
            insert into patient (mo_id, card_number, fam, im, sex, birth_date)
              select id, card, 'ПЕТРОВА', 'ОЛЬГА', 'ж', '1980-01-02' from mo, unnest(array['K-7', 'K-8', 'K-9']) card;
            insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, ds1)
              select mo_id, id, '2026-11-03', '2026-11-03', 2026, 11, 'R91' from patient;
            update visit v set source_id = s.id, source_key = p.card_number,
                               mis_values = (select jsonb_object_agg(key, value) from jsonb_each_text(to_jsonb(v))
                                             where key = any(@Synced) and value is not null) || '{"__services": ""}'
            from patient p, mis_source s where p.id = v.patient_id and p.card_number <> 'K-9';
            update visit v set ds1 = 'Z01.8' from patient p where p.id = v.patient_id and p.card_number = 'K-7';
            """,
            new { Synced = VisitColumns.Stored.Select(c => c.Column).ToArray() });

        await runner.MigrateAsync(default);

        Assert.Equal(
            [("K-7", "R91", true), ("K-8", "R91", false), ("K-9", null, false)],
            await conn.QueryAsync<(string, string?, bool)>(
                """
                select p.card_number, m.mis_values ->> 'ds1', v.corrected_fields
                from visit v join patient p on p.id = v.patient_id left join visit_mis m on m.visit_id = v.id order by 1
                """));
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>(
            "select count(*) from information_schema.columns where table_name = 'visit' and column_name = 'mis_values'"));

        // A correction taken back, a new one made: the flags still compare with what the MIS sent.
        await conn.ExecuteAsync(
            """
            update visit v set ds1 = 'R91' from patient p where p.id = v.patient_id and p.card_number = 'K-7';
            update visit v set ds1 = 'C34.1' from patient p where p.id = v.patient_id and p.card_number = 'K-8';
            """);
        const string Flags = "select p.card_number, v.corrected_fields from visit v join patient p on p.id = v.patient_id order by 1";
        Assert.Equal([("K-7", false), ("K-8", true), ("K-9", false)], await conn.QueryAsync<(string, bool)>(Flags));

        // The MIS now sends what was corrected here: no longer a correction. Its services differ from the visit's: they are.
        await conn.ExecuteAsync(
            """
            update visit_mis m set mis_values = m.mis_values || '{"ds1": "C34.1", "__services": "A06.09.005|1|2026-11-03"}'
            from visit v join patient p on p.id = v.patient_id where v.id = m.visit_id and p.card_number = 'K-8'
            """);
        Assert.Equal((false, true), await conn.QuerySingleAsync<(bool, bool)>(
            "select v.corrected_fields, v.corrected_services from visit v join patient p on p.id = v.patient_id where p.card_number = 'K-8'"));

        await conn.ExecuteAsync("delete from visit v using patient p where p.id = v.patient_id and p.card_number = 'K-8'");
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from visit_mis"));
    }
}
