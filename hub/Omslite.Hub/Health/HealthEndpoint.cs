using Dapper;
using Npgsql;
using Omslite.Hub.Plugins;
using Omslite.Hub.Scheduling;
using Omslite.Hub.Signing;

namespace Omslite.Hub.Health;

/// <summary>
/// <c>GET /health</c>: open to all, for load balancers, service managers and admins. 503 when the working database is
/// unreachable; when an MO has a signing key, the signing tool is checked too and a broken one makes the status
/// "degraded" (still 200: everything but signed packs works).
/// </summary>
public static class HealthEndpoint
{
    public static void MapHealth(this IEndpointRouteBuilder app) => app.MapGet("/health", GetAsync).AllowAnonymous();

    private static async Task<IResult> GetAsync(
        NpgsqlDataSource database, PluginCatalog plugins, SchedulerState scheduler, SigningToolProbe signingTool, TimeProvider clock,
        ILoggerFactory loggers, CancellationToken ct)
    {
        var (reachable, schemaVersion, signingConfigured) = await ProbeDatabaseAsync(database, loggers, ct);
        var tool = signingConfigured ? await signingTool.CheckAsync(ct) : null;
        var now = clock.GetUtcNow();
        var body = new
        {
            status = !reachable ? "error" : tool is { Ready: false } ? "degraded" : "ok",
            database = new { reachable, schemaVersion },
            plugins = plugins.Entries.Select(p => new
            {
                id = p.Id,
                version = p.Version,
                kind = p.Kind,
                status = p.Status.ToString().ToLowerInvariant(),
                error = p.Error,
            }),
            scheduler = new { running = scheduler.IsRunning(now), lastTick = scheduler.LastTick },
            signing = tool is null
                ? (object)new { configured = false }
                : new { configured = true, ready = tool.Ready, tool = tool.Version, engine = tool.Engine, error = tool.Error },
        };
        return Results.Json(body, statusCode: reachable ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<(bool Reachable, int? SchemaVersion, bool SigningConfigured)> ProbeDatabaseAsync(
        NpgsqlDataSource database, ILoggerFactory loggers, CancellationToken ct)
    {
        try
        {
            await using var conn = await database.OpenConnectionAsync(ct);
            var migrated = await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select to_regclass('schema_migrations') is not null", cancellationToken: ct));
            var version = migrated
                ? await conn.ExecuteScalarAsync<int?>(new CommandDefinition(
                    "select max(version) from schema_migrations", cancellationToken: ct))
                : null;
            return (true, version, await PackSigningKeyStore.AnyAsync(conn, ct));
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            loggers.CreateLogger(typeof(HealthEndpoint)).LogWarning("Health: working database unreachable: {Error}", ex.Message);
            return (false, null, false);
        }
    }
}
