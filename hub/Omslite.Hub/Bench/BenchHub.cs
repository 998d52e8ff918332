using Npgsql;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Bench;

/// <summary>
/// A hub started for one benchmark with a private data directory and a private working database: a fresh database
/// on the configured PostgreSQL server (dropped afterwards), or, with none configured, the embedded server in the
/// temporary data directory. Plugins come from the configured plugins folder.
/// </summary>
internal sealed class BenchHub : IAsyncDisposable
{
    private readonly string _dataDir;
    private readonly (string Server, string Name)? _database;

    private BenchHub(HubInstance hub, string dataDir, (string Server, string Name)? database)
    {
        Hub = hub;
        _dataDir = dataDir;
        _database = database;
    }

    public HubInstance Hub { get; }

    public T Get<T>() where T : notnull => Hub.App.Services.GetRequiredService<T>();

    /// <summary>CPU time of the hub and of its embedded database server (none for a configured server).</summary>
    public CpuClock CpuClock() => new(_dataDir);

    /// <summary>A scratch path in the bench's data directory.</summary>
    public string Scratch(string name) => Path.Combine(Directory.CreateDirectory(Path.Combine(_dataDir, "bench")).FullName, name);

    public static async Task<BenchHub> StartAsync(string name, string? connectionString, CancellationToken ct)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"omslite-{name}-{Environment.ProcessId}");
        var settings = new Dictionary<string, string?>
        {
            ["Omslite:DataDir"] = dataDir,
            ["Logging:LogLevel:Default"] = "Warning",
            // The hub's own log lines on stderr: stdout carries the result (one JSON object with --json).
            ["Logging:Console:LogToStandardErrorThreshold"] = "Trace",
        };
        (string Server, string Name)? database = null;
        if (connectionString is not null)
        {
            var databaseName = $"omslite_{name.Replace('-', '_')}_{Environment.ProcessId}";
            await ExecuteAsync(connectionString, $"create database {databaseName}", ct);
            database = (connectionString, databaseName);
            // No command time limit: a bench measures, and a busy machine must not turn a slow statement into a failure.
            settings["ConnectionStrings:Working"] =
                new NpgsqlConnectionStringBuilder(connectionString) { Database = databaseName, CommandTimeout = 0 }.ConnectionString;
        }

        try
        {
            var hub = await HubApplication.StartAsync(new HubStartRequest("http://127.0.0.1:0", WithDemo: false), settings, ct);
            return new BenchHub(hub, dataDir, database);
        }
        catch
        {
            await CleanUpAsync(dataDir, database);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Hub.DisposeAsync();
        await CleanUpAsync(_dataDir, _database);
    }

    private static async Task CleanUpAsync(string dataDir, (string Server, string Name)? database)
    {
        if (database is { } db)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(db.Server, $"drop database if exists {db.Name} with (force)", CancellationToken.None);
        }

        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // a leftover temp dir is harmless
        }
    }

    /// <summary>Creates or drops the private database: no time limit, since a busy server may take long to
    /// checkpoint for it.</summary>
    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var conn = new NpgsqlConnection(connectionString);
        await conn.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, conn) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(ct);
    }
}
