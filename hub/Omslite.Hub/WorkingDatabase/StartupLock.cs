using Dapper;
using Npgsql;

namespace Omslite.Hub.WorkingDatabase;

/// <summary>
/// Held while a hub prepares the database at start (migrations, the configured MO and sources, the demo): hubs that
/// start together against one database — after a reboot, say — do it one after the other, so no check-then-insert
/// of one races another's.
/// </summary>
public sealed class StartupLock : IAsyncDisposable
{
    // "OMSLSTRT" as a number: a fixed key shared by every Omslite process.
    private const long Key = 0x4F4D534C53545254;

    private readonly NpgsqlConnection _conn;

    private StartupLock(NpgsqlConnection conn) => _conn = conn;

    public static async Task<StartupLock> AcquireAsync(NpgsqlDataSource database, CancellationToken ct)
    {
        var conn = await database.OpenConnectionAsync(ct);
        try
        {
            await conn.ExecuteAsync(new CommandDefinition("select pg_advisory_lock(@Key)", new { Key }, cancellationToken: ct));
            return new StartupLock(conn);
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _conn.ExecuteAsync("select pg_advisory_unlock(@Key)", new { Key });
        }
        finally
        {
            await _conn.DisposeAsync();
        }
    }
}
