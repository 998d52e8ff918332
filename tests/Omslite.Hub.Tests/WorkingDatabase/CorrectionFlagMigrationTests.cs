using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.Visits;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Tests.WorkingDatabase;

/// <summary>Migration 0016 recomputes the correction flag of the visits synced before it.</summary>
public class CorrectionFlagMigrationTests
{
    [Fact]
    public async Task A_field_the_mis_left_empty_and_the_clinic_filled_in_counts_as_corrected_after_the_upgrade()
    {
        await using var database = await TestPostgres.CreateDataSourceAsync();
        var runner = new MigrationRunner(database, NullLogger<MigrationRunner>.Instance);
        await runner.MigrateAsync(Migration.All.Where(m => m.Version < 16).ToList(), default);

        await using var conn = await database.OpenConnectionAsync();
        // Two synced visits: mis_values holds the non-null fields the MIS sent. ds2 was empty there; on K-7 it was
        // filled in here, on K-8 it is still empty.
        await conn.ExecuteAsync(
            """
            insert into mo (code, short_code, name, region, okato) values ('250796', '796', 'Центр КТ', '25', '05000');
            insert into patient (mo_id, card_number, fam, im, sex, birth_date)
              select id, card, 'ПЕТРОВА', 'ОЛЬГА', 'ж', '1980-01-02' from mo, unnest(array['K-7', 'K-8']) card;
            insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, ds1)
              select mo_id, id, '2026-11-03', '2026-11-03', 2026, 11, 'R91' from patient;
            update visit v set mis_values = (select jsonb_object_agg(key, value) from jsonb_each_text(to_jsonb(v))
                                             where key = any(@Synced) and value is not null);
            update visit v set ds2 = 'Z01.8' from patient p where p.id = v.patient_id and p.card_number = 'K-7';
            """,
            new { Synced = VisitColumns.Stored.Select(c => c.Column).ToArray() });
        const string Flags = "select p.card_number, v.corrected_fields from visit v join patient p on p.id = v.patient_id order by 1";
        Assert.Equal([("K-7", false), ("K-8", false)], await conn.QueryAsync<(string, bool)>(Flags));

        await runner.MigrateAsync(default);

        Assert.Equal([("K-7", true), ("K-8", false)], await conn.QueryAsync<(string, bool)>(Flags));
    }
}
