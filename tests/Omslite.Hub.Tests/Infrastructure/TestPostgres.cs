using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Omslite.Hub.WorkingDatabase.Embedded;

namespace Omslite.Hub.Tests.Infrastructure;

/// <summary>
/// One private PostgreSQL server per test run (the hub's own embedded server on a temp dir and a free port);
/// every test that needs a database gets a fresh, empty one on it.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<EmbeddedPostgres>> Server = new(StartAsync);

    private static async Task<EmbeddedPostgres> StartAsync()
    {
        TempDir.SweepLeftovers();
        var dir = TempDir.Create("pg-shared");
        // Hundreds of short-lived test databases, each with its own pools: more room than the default 100.
        var server = await EmbeddedPostgres.StartAsync(
            dir, null, NullLogger.Instance, serverSettings: new Dictionary<string, string> { ["max_connections"] = "500" });
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            server.DisposeAsync().AsTask().GetAwaiter().GetResult();
            TempDir.TryDelete(dir);
        };
        return server;
    }

    /// <summary>Creates an empty database and returns its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync()
    {
        var server = await Server.Value;
        var name = $"t_{Guid.NewGuid():N}";
        await using (var conn = new NpgsqlConnection(server.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"create database {name}", conn);
            await cmd.ExecuteNonQueryAsync();
        }

        // A test's idle pooled connections would otherwise stay open for Npgsql's default 300 s, long after the test;
        // on a fast machine the whole suite runs inside that window and the server runs out of connections.
        return new NpgsqlConnectionStringBuilder(server.ConnectionString)
        {
            Database = name,
            ConnectionIdleLifetime = 2,
            ConnectionPruningInterval = 1,
        }.ConnectionString;
    }

    /// <summary>The OS user the hub runs an embedded server as (root may not run PostgreSQL).</summary>
    public static string? ServerUser() =>
        !Environment.IsPrivilegedProcess ? null
        : File.ReadAllLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";

    public static async Task<NpgsqlDataSource> CreateDataSourceAsync() =>
        NpgsqlDataSource.Create(await CreateDatabaseAsync());
}
