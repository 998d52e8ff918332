using Npgsql;
using Omslite.Hub.Hosting;
using Omslite.Hub.WorkingDatabase;

namespace Omslite.Hub.Cli;

/// <summary>The working database and logging for one verb that runs without the web host.</summary>
internal sealed class CliSession : IAsyncDisposable
{
    private readonly ILoggerFactory _loggers;
    private readonly WorkingDatabaseLease _lease;

    private CliSession(IConfiguration configuration, ILoggerFactory loggers, WorkingDatabaseLease lease)
    {
        Configuration = configuration;
        _loggers = loggers;
        _lease = lease;
        DataSource = NpgsqlDataSource.Create(lease.ConnectionString);
    }

    public IConfiguration Configuration { get; }

    public NpgsqlDataSource DataSource { get; }

    /// <summary>The working database's connection string (external, or the embedded server this session holds).</summary>
    public string ConnectionString => _lease.ConnectionString;

    public ILogger<T> Logger<T>() => _loggers.CreateLogger<T>();

    public static async Task<CliSession> OpenAsync(CancellationToken ct)
    {
        DapperSetup.Apply();
        var configuration = HubConfiguration.Load();
        var loggers = HubConfiguration.CreateLoggerFactory(configuration);
        try
        {
            var lease = await WorkingDatabaseLease.OpenAsync(configuration, loggers.CreateLogger("Omslite.Hub"), ct);
            return new CliSession(configuration, loggers, lease);
        }
        catch
        {
            loggers.Dispose();
            throw;
        }
    }

    public Task<MigrationOutcome> MigrateAsync(CancellationToken ct) =>
        new MigrationRunner(DataSource, Logger<MigrationRunner>()).MigrateAsync(ct);

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await _lease.DisposeAsync();
        _loggers.Dispose();
    }
}
