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
        var dir = TempDir.Create("pg-shared");
        var server = await EmbeddedPostgres.StartAsync(dir, null, NullLogger.Instance);
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

        return new NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>The OS user the hub runs an embedded server as (root may not run PostgreSQL).</summary>
    public static string? ServerUser() =>
        !Environment.IsPrivilegedProcess ? null
        : File.ReadAllLines("/etc/passwd").Any(l => l.StartsWith("postgres:", StringComparison.Ordinal)) ? "postgres" : "nobody";

    public static async Task<NpgsqlDataSource> CreateDataSourceAsync() =>
        NpgsqlDataSource.Create(await CreateDatabaseAsync());
}
