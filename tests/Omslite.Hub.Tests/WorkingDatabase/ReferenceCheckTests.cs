using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Tests.WorkingDatabase;

/// <summary>
/// Migration 0019: the references of patients, visits and services are checked per statement instead of by foreign
/// keys — every write the constraints refused is still refused, and a visit's services still go with it.
/// </summary>
public class ReferenceCheckTests
{
    private const string Seed =
        """
        insert into mo (code, short_code, name, region, okato) values ('250796', '796', 'Центр КТ', '25', '05000');
        insert into mis_source (mo_id, name, connector) select id, 'МИС', 'sql-postgresql' from mo;
        insert into patient (mo_id, source_id, source_key, card_number, fam, im, sex, birth_date)
          select m.id, s.id, 'P-1', 'K-1', 'ПЕТРОВА', 'ОЛЬГА', 'ж', '1980-01-02' from mo m join mis_source s on s.mo_id = m.id;
        insert into visit (mo_id, source_id, source_key, patient_id, open_date, close_date, report_year, report_month, ds1)
          select mo_id, source_id, 'V-' || g, id, '2026-11-03', '2026-11-03', 2026, 11, 'R91' from patient, generate_series(1, 3) g where card_number = 'K-1';
        insert into visit_service (visit_id, code, quantity, service_date) select id, 'A06.09.005', 1, '2026-11-03' from visit;
        insert into mo (code, short_code, name, region, okato) values ('250797', '797', 'Второй центр', '25', '05000');
        insert into patient (mo_id, card_number, fam, im, sex, birth_date) select id, 'K-9', 'СИДОРОВ', 'ПЁТР', 'м', '1960-05-05' from mo where code = '250797';
        """;

    public static TheoryData<string> RefusedWrites =>
    [
        // Inserted rows: one bad key among good ones fails the statement.
        "insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, ds1) select mo_id, id + g * 1000, '2026-11-03', '2026-11-03', 2026, 11, 'R91' from patient, generate_series(0, 1) g where card_number = 'K-1'",
        "insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, ds1) select mo_id + 100, id, '2026-11-03', '2026-11-03', 2026, 11, 'R91' from patient where card_number = 'K-1'",
        "insert into visit (mo_id, source_id, patient_id, open_date, close_date, report_year, report_month, ds1) select mo_id, source_id + 1, id, '2026-11-03', '2026-11-03', 2026, 11, 'R91' from patient where card_number = 'K-1'",
        "insert into patient (mo_id, card_number, fam, im, sex, birth_date) select max(id) + 1, 'K-2', 'ИВАНОВ', 'ИВАН', 'м', '1970-01-01' from mo",
        "insert into patient (mo_id, source_id, card_number, fam, im, sex, birth_date) select mo_id, id + 1, 'K-2', 'ИВАНОВ', 'ИВАН', 'м', '1970-01-01' from mis_source",
        "insert into visit_service (visit_id, code, quantity, service_date) select max(id) + 1, 'A06.09.005', 1, '2026-11-03' from visit",
        // Updated keys.
        "update visit set patient_id = patient_id + 1000 where source_key = 'V-1'",
        "update visit set mo_id = mo_id + 100 where source_key = 'V-1'",
        "update visit set source_id = source_id + 1 where source_key = 'V-1'",
        "update patient set mo_id = mo_id + 100",
        "update patient set source_id = source_id + 1",
        "update visit_service set visit_id = visit_id + 1000",
        // Referenced rows.
        "delete from mo where code = '250797'",
        "delete from mis_source",
        "delete from patient where card_number = 'K-1'",
    ];

    [Theory]
    [MemberData(nameof(RefusedWrites))]
    public async Task A_write_that_would_leave_a_reference_dangling_is_refused_as_a_foreign_key_violation(string write)
    {
        await using var conn = await SeededAsync();
        var error = await Assert.ThrowsAsync<PostgresException>(() => conn.ExecuteAsync(write));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, error.SqlState);
        Assert.Equal(3, await conn.ExecuteScalarAsync<int>("select count(*) from visit_service"));
    }

    [Fact]
    public async Task Good_writes_pass_and_a_deleted_visit_takes_its_services_with_it()
    {
        await using var conn = await SeededAsync();
        await conn.ExecuteAsync(
            """
            insert into patient (mo_id, card_number, fam, im, sex, birth_date) select id, 'K-2', 'ИВАНОВ', 'ИВАН', 'м', '1970-01-01' from mo where code = '250796';
            update visit set patient_id = (select id from patient where card_number = 'K-2') where source_key = 'V-1';
            update patient set source_id = (select id from mis_source), source_key = 'P-2' where card_number = 'K-2';
            delete from visit where source_key = 'V-2';
            delete from patient where card_number = 'K-9';
            delete from mo where code = '250797';
            """);
        Assert.Equal(2, await conn.ExecuteScalarAsync<int>("select count(*) from visit_service"));
        Assert.Equal(1, await conn.ExecuteScalarAsync<int>("select count(*) from visit v join patient p on p.id = v.patient_id where p.card_number = 'K-2'"));
    }

    private static async Task<NpgsqlConnection> SeededAsync()
    {
        var database = await TestPostgres.CreateDataSourceAsync();
        await new MigrationRunner(database, NullLogger<MigrationRunner>.Instance).MigrateAsync(default);
        var conn = await database.OpenConnectionAsync();
        await conn.ExecuteAsync(Seed);
        return conn;
    }
}
