using Npgsql;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Sdk.Connectors;

namespace Omslite.MisConnectors.Legacy.Tests.Infrastructure;

/// <summary>
/// A private legacy database: the original system's DDL (../shared/spec/legacy-schema.sql, authoritative) and the
/// sample rows of legacy-sample.sql, on the test run's PostgreSQL server.
/// </summary>
public static class LegacyTestDatabase
{
    /// <summary>
    /// Creates a database with the legacy schema and the sample rows, in <paramref name="schema"/> (default: public);
    /// returns its connection string.
    /// </summary>
    public static async Task<string> CreateAsync(string? schema = null)
    {
        var connectionString = await TestPostgres.CreateDatabaseAsync();
        var inSchema = schema is null ? "" : $"create schema if not exists {schema}; set search_path = {schema};\n";
        await ExecuteAsync(connectionString, inSchema + await File.ReadAllTextAsync(SchemaFile()));
        await ExecuteAsync(connectionString, inSchema + await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "legacy-sample.sql")));
        return connectionString;
    }

    public static SourceConnection Source(string connectionString, params (string Key, string Value)[] settings) =>
        new(connectionString, settings.ToDictionary(s => s.Key, s => s.Value));

    public static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, connection);
        return (T)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Every batch of a pull.</summary>
    public static Task<List<SourceBatch>> PullAsync(
        string connectionString, string? watermark = null, int batchSize = 2000, ReportPeriod? from = null, ReportPeriod? to = null) =>
        PullAsync(Source(connectionString), watermark, batchSize, from, to);

    /// <summary>Every batch of a pull of a source with settings.</summary>
    public static async Task<List<SourceBatch>> PullAsync(
        SourceConnection source, string? watermark = null, int batchSize = 2000, ReportPeriod? from = null, ReportPeriod? to = null)
    {
        var batches = new List<SourceBatch>();
        var request = new PullRequest(source, watermark, from, to, batchSize);
        await foreach (var batch in new LegacyConnector().PullAsync(request, CancellationToken.None))
        {
            batches.Add(batch);
        }

        return batches;
    }

    /// <summary>The repository root: the folder with Omslite.sln above the test binaries.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Omslite.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no Omslite.sln above {AppContext.BaseDirectory}");
    }

    private static string SchemaFile()
    {
        var file = Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "spec", "legacy-schema.sql"));
        return File.Exists(file)
            ? file
            : throw new FileNotFoundException($"the legacy DDL is expected at {file} (the shared spec beside the repository)", file);
    }
}
