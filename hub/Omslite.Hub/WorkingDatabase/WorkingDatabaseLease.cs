using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Omslite.Hub.Hosting;
using Omslite.Hub.WorkingDatabase.Embedded;

namespace Omslite.Hub.WorkingDatabase;

/// <summary>
/// The working database for the lifetime of one process: the server named by <c>ConnectionStrings:Working</c>, or
/// else the embedded one, which this lease keeps running until it is disposed.
/// </summary>
public sealed class WorkingDatabaseLease : IAsyncDisposable
{
    private readonly EmbeddedPostgres? _embedded;

    private WorkingDatabaseLease(string connectionString, EmbeddedPostgres? embedded)
    {
        ConnectionString = connectionString;
        _embedded = embedded;
    }

    public string ConnectionString { get; }

    public bool IsEmbedded => _embedded is not null;

    /// <summary>Said when no external server is configured on Windows, where there is no embedded one.</summary>
    public const string WindowsNeedsExternal =
        "ConnectionStrings__Working is required on Windows: the embedded PostgreSQL runs only on Linux. " +
        "Set it to a PostgreSQL 13+ server, e.g. Host=localhost;Database=omslite;Username=omslite;Password=... " +
        "(see docs/deploy-windows.md)";

    public static Task<WorkingDatabaseLease> OpenAsync(
        IConfiguration configuration, ILogger log, CancellationToken ct = default) =>
        OpenAsync(configuration, log, OperatingSystem.IsWindows(), ct);

    internal static async Task<WorkingDatabaseLease> OpenAsync(
        IConfiguration configuration, ILogger log, bool onWindows, CancellationToken ct)
    {
        var external = configuration.GetConnectionString("Working");
        if (!string.IsNullOrWhiteSpace(external))
        {
            log.LogInformation("Working database: external PostgreSQL from ConnectionStrings:Working");
            return new WorkingDatabaseLease(external, null);
        }

        if (onWindows)
        {
            throw new EmbeddedPostgresException(WindowsNeedsExternal);
        }

        var options = OmsliteOptions.From(configuration);
        var embedded = await EmbeddedPostgres.StartAsync(
            Path.Combine(options.DataDir), options.EmbeddedPostgres.ServerUser, log, ct,
            avoidPorts: ListenPorts.From(configuration));
        return new WorkingDatabaseLease(embedded.ConnectionString, embedded);
    }

    public ValueTask DisposeAsync() => _embedded?.DisposeAsync() ?? ValueTask.CompletedTask;
}
