using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Plugins;
using Omslite.Hub.Security;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Sync;

public sealed record SyncNowRequest(string? From, string? To);

/// <summary>
/// <c>/api/sources</c>: the MO's MIS sources with their plugin's status and last run; admins add, edit and test them,
/// operators start a sync and watch its progress in the run history.
/// </summary>
public static class SourceEndpoints
{
    public static void MapSources(this RouteGroupBuilder api)
    {
        var sources = api.MapGroup("/sources").RequireMo();
        sources.MapGet("/", ListAsync);
        sources.MapPost("/", (SourceInput body, CurrentUser user, SourceStore store, CancellationToken ct) => SaveAsync(null, body, user, store, ct))
            .RequireAuthorization(Policies.Admin);
        sources.MapPut("/{id:int}", (int id, SourceInput body, CurrentUser user, SourceStore store, CancellationToken ct) => SaveAsync(id, body, user, store, ct))
            .RequireAuthorization(Policies.Admin);
        sources.MapPost("/{id:int}/test", TestAsync).RequireAuthorization(Policies.Admin);
        sources.MapPost("/{id:int}/sync", SyncNowAsync).RequireAuthorization(Policies.Write);
        sources.MapGet("/{id:int}/runs", RunsAsync);
    }

    private static async Task<IResult> ListAsync(CurrentUser user, SourceStore store, PluginCatalog plugins, SyncRunner runner, NpgsqlDataSource db, CancellationToken ct)
    {
        var list = await store.ListAsync(user.Mo, ct);
        await using var conn = await db.OpenConnectionAsync(ct);
        var lastRuns = (await conn.QueryAsync<SyncRunRow>(new CommandDefinition(
                $"select distinct on (source_id) {SyncRunRow.Columns} from sync_run where source_id = any(@ids) order by source_id, started_at desc",
                new { ids = list.Select(s => s.Id).ToArray() }, cancellationToken: ct)))
            .ToDictionary(r => r.SourceId);
        return Results.Ok(list.Select(s =>
        {
            var plugin = plugins.Entries.FirstOrDefault(e => e.Id == s.Connector);
            return new
            {
                source = s,
                plugin = plugin is null
                    ? new { status = "missing", version = (string?)null, error = (string?)"Плагин не установлен" }
                    : new { status = plugin.Status.ToString().ToLowerInvariant(), version = plugin.Version, error = plugin.Error },
                running = runner.IsRunning(s.Id),
                lastRun = lastRuns.GetValueOrDefault(s.Id),
            };
        }));
    }

    private static async Task<IResult> SaveAsync(int? id, SourceInput body, CurrentUser user, SourceStore store, CancellationToken ct) =>
        (await store.SaveAsync(user.Mo, user.Login, id, body, fromConfiguration: false, ct))
            .ToHttp(saved => id is null ? Results.Created($"/api/sources/{saved.Id}", saved) : Results.Ok(saved));

    private static async Task<IResult> TestAsync(int id, CurrentUser user, SourceStore store, PluginCatalog plugins, CancellationToken ct)
    {
        if (await store.GetAsync(user.Mo, id, ct) is not { } source)
        {
            return ApiError.NotFound($"Источник {id} не найден");
        }

        var connector = plugins.Get<IMisConnector>().FirstOrDefault(c => c.Id == source.Connector);
        if (connector is null)
        {
            return Results.Ok(ConnectionCheck.Failure($"Плагин-коннектор «{source.Connector}» не загружен"));
        }

        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            return Results.Ok(await connector.CheckAsync(await store.ConnectionAsync(id, timeout.Token), timeout.Token));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // A connector should answer, not throw; if it throws anyway the admin still gets a sentence.
            return Results.Ok(ConnectionCheck.Failure($"Проверка подключения не удалась: {ex.Message}"));
        }
    }

    private static async Task<IResult> SyncNowAsync(int id, SyncNowRequest? body, CurrentUser user, SourceStore store, SyncRunner runner, CancellationToken ct)
    {
        if (await store.GetAsync(user.Mo, id, ct) is not { } source)
        {
            return ApiError.NotFound($"Источник {id} не найден");
        }

        (ReportPeriod? From, ReportPeriod? To) period;
        try
        {
            period = ReportMonth.Period(body?.From, body?.To);
        }
        catch (FormatException ex)
        {
            return ApiError.Invalid("from", ex.Message);
        }

        return runner.TryStart(new SyncRequest(id, "manual", user.Login, period.From, period.To), out _)
            ? Results.Accepted($"/api/sources/{id}/runs", new { started = true })
            : ApiError.Conflict($"Синхронизация источника «{source.Name}» уже выполняется");
    }

    private static async Task<IResult> RunsAsync(int id, CurrentUser user, SourceStore store, NpgsqlDataSource db, CancellationToken ct)
    {
        if (await store.GetAsync(user.Mo, id, ct) is null)
        {
            return ApiError.NotFound($"Источник {id} не найден");
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        var runs = (await conn.QueryAsync<SyncRunRow>(new CommandDefinition(
            $"select {SyncRunRow.Columns} from sync_run where source_id = @id order by started_at desc limit 20", new { id }, cancellationToken: ct))).ToList();
        var problems = (await conn.QueryAsync<(long RunId, string SourceKey, string Message)>(new CommandDefinition(
                "select run_id, source_key, message from sync_problem where run_id = any(@ids) order by run_id",
                new { ids = runs.Select(r => r.Id).ToArray() }, cancellationToken: ct)))
            .GroupBy(p => p.RunId).ToDictionary(g => g.Key, g => g.Take(50).Select(p => new { p.SourceKey, p.Message }).ToList());
        return Results.Ok(runs.Select(r => new { run = r, problems = problems.GetValueOrDefault(r.Id) ?? [] }));
    }
}

/// <summary>A run as the API shows it.</summary>
public sealed record SyncRunRow(
    long Id, int SourceId, string Trigger, string? StartedBy, DateTime StartedAt, DateTime? FinishedAt, string Status, int Read, int New,
    int Updated, int Unchanged, int Conflicts, int Skipped, int Failed, string? Error)
{
    public const string Columns =
        "id, source_id, trigger, started_by, started_at, finished_at, status, read, new, updated, unchanged, conflicts, skipped, failed, error";
}
