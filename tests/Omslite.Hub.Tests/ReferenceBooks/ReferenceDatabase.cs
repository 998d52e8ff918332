using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Omslite.Hub.ReferenceBooks.Import;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Tests.ReferenceBooks;

/// <summary>A fresh migrated working database for reference-book tests, with helpers to read it back.</summary>
public sealed class ReferenceDatabase : IAsyncDisposable
{
    private ReferenceDatabase(NpgsqlDataSource source) => Source = source;

    public NpgsqlDataSource Source { get; }

    public static async Task<ReferenceDatabase> CreateAsync()
    {
        var source = await TestPostgres.CreateDataSourceAsync();
        await new MigrationRunner(source, NullLogger<MigrationRunner>.Instance).MigrateAsync();
        return new ReferenceDatabase(source);
    }

    public ReferenceImporter Importer(int year = 2026) => new(Source, new FixedClock(new DateTimeOffset(year, 6, 15, 12, 0, 0, TimeSpan.Zero)));

    public async Task<int> AddMoAsync(string code)
    {
        await using var conn = await Source.OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<int>(
            "insert into mo (code, short_code, name, region, okato) values (@code, right(@code, 3), 'МО ' || @code, '25', '05000') returning id",
            new { code });
    }

    public async Task<T> ScalarAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Source.OpenConnectionAsync();
        return (await conn.ExecuteScalarAsync<T>(sql, parameters))!;
    }

    public async Task<List<T>> QueryAsync<T>(string sql, object? parameters = null)
    {
        await using var conn = await Source.OpenConnectionAsync();
        return (await conn.QueryAsync<T>(sql, parameters)).ToList();
    }

    /// <summary>Every row of the reference tables as text, to prove that a failed import changed nothing.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var conn = await Source.OpenConnectionAsync();
        var parts = new List<string>();
        foreach (var table in new[] { "nsi_book", "nsi_entry", "tariff_version", "tariff", "pmu", "audit_log" })
        {
            parts.Add(table + ": " + string.Join(" | ",
                await conn.QueryAsync<string>($"select t::text from {table} t order by t::text")));
        }

        return string.Join("\n", parts);
    }

    public ValueTask DisposeAsync() => Source.DisposeAsync();

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;

        public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;
    }
}
