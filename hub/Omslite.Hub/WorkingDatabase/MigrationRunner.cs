using Dapper;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Omslite.Hub.WorkingDatabase;

/// <summary>The result of bringing the schema up to date.</summary>
public sealed record MigrationOutcome(IReadOnlyList<string> Applied, int SchemaVersion);

/// <summary>
/// Applies the embedded migrations that the database has not seen, each in its own transaction, under an advisory
/// lock so that several hubs starting together against one database migrate it once.
/// </summary>
public sealed class MigrationRunner(NpgsqlDataSource database, ILogger<MigrationRunner> log)
{
    // "OMSLMIGR" as a number: a fixed key shared by every Omslite process.
    private const long AdvisoryLockKey = 0x4F4D534C4D494752;

    public Task<MigrationOutcome> MigrateAsync(CancellationToken ct = default) => MigrateAsync(Migration.All, ct);

    internal async Task<MigrationOutcome> MigrateAsync(IReadOnlyList<Migration> migrations, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@key)", new { key = AdvisoryLockKey }, cancellationToken: ct));
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(
                """
                create table if not exists schema_migrations (
                    version    integer primary key,
                    name       text not null,
                    checksum   text not null,
                    applied_at timestamptz not null default now()
                )
                """,
                cancellationToken: ct));
            var applied = (await conn.QueryAsync<(int Version, string Checksum)>(
                new CommandDefinition("select version, checksum from schema_migrations", cancellationToken: ct)))
                .ToDictionary(r => r.Version, r => r.Checksum);

            var newlyApplied = new List<string>();
            foreach (var migration in migrations)
            {
                if (applied.TryGetValue(migration.Version, out var checksum))
                {
                    if (checksum != migration.Checksum)
                    {
                        throw new InvalidOperationException(
                            $"migration {migration.Version:0000}_{migration.Name} was changed after it was applied; " +
                            "add a new migration instead of editing an applied one");
                    }

                    continue;
                }

                await ApplyAsync(conn, migration, ct);
                newlyApplied.Add($"{migration.Version:0000}_{migration.Name}");
            }

            var version = await conn.ExecuteScalarAsync<int?>(
                new CommandDefinition("select max(version) from schema_migrations", cancellationToken: ct)) ?? 0;
            return new MigrationOutcome(newlyApplied, version);
        }
        finally
        {
            await conn.ExecuteAsync("select pg_advisory_unlock(@key)", new { key = AdvisoryLockKey });
        }
    }

    private async Task ApplyAsync(NpgsqlConnection conn, Migration migration, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "insert into schema_migrations (version, name, checksum) values (@Version, @Name, @Checksum)",
            new { migration.Version, migration.Name, migration.Checksum },
            tx,
            cancellationToken: ct));
        await tx.CommitAsync(ct);
        log.LogInformation("Applied migration {Version:0000}_{Name}", migration.Version, migration.Name);
    }
}
