using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Tests.WorkingDatabase;

public class MigrationRunnerTests
{
    [Fact]
    public async Task Applies_every_migration_to_an_empty_database()
    {
        await using var db = await TestPostgres.CreateDataSourceAsync();

        var outcome = await Runner(db).MigrateAsync();

        Assert.Equal(Migration.All.Count, outcome.Applied.Count);
        Assert.Equal(Migration.All[^1].Version, outcome.SchemaVersion);
        await using var conn = await db.OpenConnectionAsync();
        Assert.Equal(Migration.All.Count, await conn.ExecuteScalarAsync<int>("select count(*) from schema_migrations"));
        Assert.True(await conn.ExecuteScalarAsync<bool>("select to_regclass('mo') is not null"));
    }

    [Fact]
    public async Task Re_running_is_a_no_op()
    {
        await using var db = await TestPostgres.CreateDataSourceAsync();
        await Runner(db).MigrateAsync();
        await using (var conn = await db.OpenConnectionAsync())
        {
            await conn.ExecuteAsync("insert into mo (code, short_code, name, region, okato) values ('250796', '796', 'x', '25', '05000')");
        }

        var second = await Runner(db).MigrateAsync();

        Assert.Empty(second.Applied);
        Assert.Equal(Migration.All[^1].Version, second.SchemaVersion);
        await using var check = await db.OpenConnectionAsync();
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("select count(*) from mo"));
    }

    [Fact]
    public async Task A_failing_migration_leaves_nothing_half_applied()
    {
        await using var db = await TestPostgres.CreateDataSourceAsync();
        var migrations = new[]
        {
            new Migration(1, "good", "create table a (id int);"),
            new Migration(2, "bad", "create table b (id int); select * from no_such_table;"),
        };

        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => Runner(db).MigrateAsync(migrations, default));

        await using var conn = await db.OpenConnectionAsync();
        var versions = (await conn.QueryAsync<int>("select version from schema_migrations")).ToArray();
        Assert.Equal(new[] { 1 }, versions);
        Assert.True(await conn.ExecuteScalarAsync<bool>("select to_regclass('a') is not null"));
        Assert.False(await conn.ExecuteScalarAsync<bool>("select to_regclass('b') is not null"));
    }

    [Fact]
    public async Task An_applied_migration_that_was_edited_is_refused()
    {
        await using var db = await TestPostgres.CreateDataSourceAsync();
        await Runner(db).MigrateAsync([new Migration(1, "first", "create table a (id int);")], default);

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Runner(db).MigrateAsync([new Migration(1, "first", "create table a (id bigint);")], default));

        Assert.Contains("0001_first was changed", ex.Message);
    }

    [Fact]
    public async Task Two_runners_at_once_apply_each_migration_once()
    {
        await using var db = await TestPostgres.CreateDataSourceAsync();

        var results = await Task.WhenAll(Runner(db).MigrateAsync(), Runner(db).MigrateAsync());

        Assert.Equal(Migration.All.Count, results.Sum(r => r.Applied.Count));
    }

    [Fact]
    public void Every_shipped_migration_is_named_by_version()
    {
        Assert.NotEmpty(Migration.All);
        Assert.Equal(Migration.All.Select(m => m.Version).Order(), Migration.All.Select(m => m.Version));
    }

    private static MigrationRunner Runner(NpgsqlDataSource db) => new(db, NullLogger<MigrationRunner>.Instance);
}
