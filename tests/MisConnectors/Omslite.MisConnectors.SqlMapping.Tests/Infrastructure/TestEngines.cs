using System.Data.Common;
using FirebirdSql.Data.FirebirdClient;
using Microsoft.Data.SqlClient;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Omslite.Hub.WorkingDatabase.Embedded;
using Omslite.MisConnectors.SqlFirebird;
using Omslite.MisConnectors.SqlMapping;
using Omslite.MisConnectors.SqlPostgres;
using Omslite.MisConnectors.SqlServer;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.SqlMapping.Tests.Infrastructure;

/// <summary>One database engine under test: its connector, where its samples go, and raw SQL against a sample.</summary>
public abstract class TestEngine
{
    public abstract SqlMappingConnector Connector { get; }

    /// <summary>Why the engine cannot be tested here (the test is then skipped), or null.</summary>
    public virtual string? Unavailable => null;

    /// <summary>The <see cref="SampleSourceRequest.Location"/> for a new sample.</summary>
    public abstract Task<string> SampleLocationAsync();

    /// <summary>The sample's connection string pointed at nothing (a closed port, a missing file).</summary>
    public abstract string Unreachable(SourceConnection sample);

    /// <summary>What the message about <see cref="Unreachable"/> must say.</summary>
    public abstract string UnreachableHint { get; }

    protected abstract DbConnection Connection(SourceConnection source);

    protected virtual Task OpenAsync(DbConnection db) => db.OpenAsync();

    public async Task ExecuteAsync(SourceConnection source, string sql)
    {
        await using var db = Connection(source);
        await OpenAsync(db);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    public async Task<object?> ScalarAsync(SourceConnection source, string sql)
    {
        await using var db = Connection(source);
        await OpenAsync(db);
        await using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        return await cmd.ExecuteScalarAsync();
    }
}

/// <summary>
/// A private PostgreSQL server shared by the tests of the "postgres" collection: the hub's embedded one on a temp dir
/// and a free port, stopped when the collection is done (inside the test run, so no server outlives it).
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    private readonly string _dir = TempDirs.Create("pg", removeAtExit: false);
    private EmbeddedPostgres? _server;

    public string ConnectionString => _server!.ConnectionString;

    public async Task InitializeAsync() => _server = await EmbeddedPostgres.StartAsync(_dir, null, NullLogger.Instance);

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        TempDirs.TryDelete(_dir);
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "postgres";
}

/// <summary>The PostgreSQL engine: samples go to the collection's private server.</summary>
public sealed class PostgresTestEngine(PostgresServer server) : TestEngine
{
    public override SqlMappingConnector Connector { get; } = new PostgresConnector();

    public override Task<string> SampleLocationAsync() => Task.FromResult(server.ConnectionString);

    public override string Unreachable(SourceConnection sample) =>
        new NpgsqlConnectionStringBuilder(sample.ConnectionString) { Host = "127.0.0.1", Port = 1, Timeout = 5 }.ConnectionString;

    public override string UnreachableHint => "127.0.0.1:1 не отвечает";

    protected override DbConnection Connection(SourceConnection source) => new NpgsqlConnection(source.ConnectionString);
}

/// <summary>The embedded Firebird engine on a .fdb file in a temp dir.</summary>
public sealed class FirebirdTestEngine : TestEngine
{
    public override SqlMappingConnector Connector { get; } = new FirebirdConnector();

    public override Task<string> SampleLocationAsync() => Task.FromResult(TempDirs.Create("fb"));

    public override string Unreachable(SourceConnection sample) =>
        new FbConnectionStringBuilder(sample.ConnectionString) { Database = "/nonexistent/omslite/missing.fdb" }.ConnectionString;

    public override string UnreachableHint => "/nonexistent/omslite/missing.fdb не найден или недоступен";

    protected override DbConnection Connection(SourceConnection source) => new FbConnection(source.ConnectionString);

    protected override Task OpenAsync(DbConnection db) => FirebirdConnector.OpenAsync((FbConnection)db, default);
}

/// <summary>A real SQL Server named by OMSLITE_TEST_MSSQL; without it the tests are skipped.</summary>
public sealed class SqlServerTestEngine : TestEngine
{
    public const string Variable = "OMSLITE_TEST_MSSQL";

    private static string? ConnectionString => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } cs ? cs : null;

    public override SqlMappingConnector Connector { get; } = new SqlServerConnector();

    public override string? Unavailable =>
        ConnectionString is null ? $"{Variable} is not set (a SQL Server connection string with rights to create databases)" : null;

    public override Task<string> SampleLocationAsync() => Task.FromResult(ConnectionString!);

    public override string Unreachable(SourceConnection sample) =>
        new SqlConnectionStringBuilder(sample.ConnectionString) { DataSource = "tcp:127.0.0.1,1", ConnectTimeout = 5 }.ConnectionString;

    public override string UnreachableHint => "127.0.0.1,1 не отвечает";

    protected override DbConnection Connection(SourceConnection source) => new SqlConnection(source.ConnectionString);
}

/// <summary>Temp directories of the run, removed when the test process exits.</summary>
public static class TempDirs
{
    private static readonly List<string> Created = [];

    static TempDirs() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        lock (Created)
        {
            Created.ForEach(TryDelete);
        }
    };

    public static string Create(string prefix, bool removeAtExit = true)
    {
        var dir = Path.Combine(Path.GetTempPath(), "omslite-tests", $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 13)]);
        Directory.CreateDirectory(dir);
        if (removeAtExit)
        {
            lock (Created)
            {
                Created.Add(dir);
            }
        }

        return dir;
    }

    public static void TryDelete(string dir)
    {
        try
        {
            Directory.Delete(dir, recursive: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A leftover temp dir is not a test failure.
        }
    }
}
