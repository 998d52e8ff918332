using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Tests.Deployment;

/// <summary>Issue 8 item 7: a newer hub takes an older database as it is and migrates it on start.</summary>
public class UpgradeTests
{
    [Fact]
    public async Task A_database_of_the_first_migration_set_is_migrated_on_start_with_its_rows_intact()
    {
        var database = await TestPostgres.CreateDatabaseAsync();
        await using (var source = NpgsqlDataSource.Create(database))
        {
            var first = await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance)
                .MigrateAsync(Migration.All.Where(m => m.Version <= 4).ToList(), default);
            Assert.Equal(4, first.SchemaVersion);
        }

        await using (var conn = new NpgsqlConnection(database))
        {
            await conn.ExecuteAsync(
                """
                insert into mo (code, short_code, name, region, okato) values ('250796', '796', 'Центр КТ', '25', '05000');
                insert into patient (mo_id, card_number, fam, im, sex, birth_date) select id, 'K-7', 'ПЕТРОВА', 'ОЛЬГА', 'ж', '1980-01-02' from mo;
                insert into visit (mo_id, patient_id, open_date, close_date, report_year, report_month, ds1)
                  select mo_id, id, '2025-11-03', '2025-11-03', 2025, 11, 'R91' from patient;
                """);
        }

        var dataDir = TempDir.Create("upgrade");
        await using var hub = await HubProcess.StartAsync(new Dictionary<string, string?>
        {
            ["ConnectionStrings__Working"] = database,
            ["Omslite__DataDir"] = dataDir,
        });

        var health = await hub.GetHealthAsync();
        Assert.Equal(Migration.All[^1].Version, health.GetProperty("database").GetProperty("schemaVersion").GetInt32());
        foreach (var later in Migration.All.Where(m => m.Version > 4))
        {
            Assert.Contains($"Applied migration {later.Version:0000}_{later.Name}", hub.Output);
        }

        await using var check = new NpgsqlConnection(database);
        Assert.Equal(Migration.All.Select(m => m.Version), await check.QueryAsync<int>("select version from schema_migrations order by version"));
        var visit = await check.QuerySingleAsync<(string Fam, string Ds1, int Version, short Status)>(
            "select p.fam, v.ds1, p.version, v.status from visit v join patient p on p.id = v.patient_id where p.card_number = 'K-7'");
        Assert.Equal(("ПЕТРОВА", "R91", 1, (short)1), visit);
        Assert.Equal("Центр КТ", await check.ExecuteScalarAsync<string>("select name from mo where code = '250796'"));
        TempDir.TryDelete(dataDir);
    }
}
