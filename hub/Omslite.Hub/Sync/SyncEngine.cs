using System.Diagnostics;
using Dapper;
using Npgsql;
using Omslite.Hub.Plugins;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Sync;

/// <summary>What starts a run, and for which months.</summary>
public sealed record SyncRequest(int SourceId, string Trigger, string StartedBy, ReportPeriod? From = null, ReportPeriod? To = null, DateTime? ScheduledFor = null);

/// <summary>
/// Runs one sync of one source: one run at a time per source across every hub (a PostgreSQL advisory lock), the
/// run's state in <c>sync_run</c>, the reference books first when the connector brings them, then the cases batch by
/// batch — each batch and its watermark in one transaction, so a crash mid-run loses nothing and duplicates nothing.
/// </summary>
public sealed class SyncEngine(
    NpgsqlDataSource database, SourceStore sources, PluginCatalog plugins, ReferenceBookMerger books, ILogger<SyncEngine> log)
{
    // "SYNC": the advisory-lock class of sync runs; the object id is the source id.
    private const int LockClass = 0x53594E43;

    // Cases per batch unless the source's settings say (BatchSize). With two batches alive at a time (one read ahead
    // while one is merged), 1 000 keeps a first sync's cases from outliving the GC's young generations: with 2 000 the
    // same sync peaked at ~330 MB instead of ~210 MB, and was no faster.
    private const int DefaultBatchSize = 1000;

    public async Task<SyncRunResult> RunAsync(SyncRequest request, CancellationToken ct)
    {
        var source = await sources.GetAsync(null, request.SourceId, ct) ?? throw new InvalidOperationException($"Источник {request.SourceId} не найден");
        await using var conn = await database.OpenConnectionAsync(ct);
        if (!await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select pg_try_advisory_lock(@LockClass, @SourceId)", new { LockClass, request.SourceId }, cancellationToken: ct)))
        {
            throw new SyncAlreadyRunningException(source.Name);
        }

        try
        {
            // Runs left 'running' by a hub that died (kill -9, power loss) are over: nobody holds their lock.
            await conn.ExecuteAsync(new CommandDefinition(
                "update sync_run set status = 'failed', finished_at = now(), error = 'Прервана: хаб остановился во время синхронизации' where source_id = @SourceId and status = 'running'",
                new { request.SourceId }, cancellationToken: ct));
            var runId = await conn.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                insert into sync_run (source_id, trigger, scheduled_for, started_by, period_from, period_to)
                values (@SourceId, @Trigger, @ScheduledFor, @StartedBy, @from, @to)
                on conflict (source_id, scheduled_for) do nothing
                returning id
                """,
                new { request.SourceId, request.Trigger, request.ScheduledFor, request.StartedBy, from = request.From?.ToString(), to = request.To?.ToString() },
                cancellationToken: ct));
            if (runId is null)
            {
                // Another hub already ran this schedule slot.
                log.LogInformation("Schedule slot {Slot:u} of source {Source} already ran on another hub", request.ScheduledFor, source.Name);
                return new SyncRunResult(source.Name, "skipped", 0, 0, 0, 0, 0, 0, 0, 0, null);
            }

            return await ExecuteAsync(conn, source, request, runId.Value, ct);
        }
        finally
        {
            await conn.ExecuteAsync("select pg_advisory_unlock(@LockClass, @SourceId)", new { LockClass, request.SourceId });
        }
    }

    private async Task<SyncRunResult> ExecuteAsync(NpgsqlConnection conn, SourceRecord source, SyncRequest request, long runId, CancellationToken ct)
    {
        var counts = new SyncCounts();
        var problems = new List<CaseProblem>();
        var actor = $"sync:{source.Name}";
        string status;
        string? error = null;
        try
        {
            var connector = plugins.Get<IMisConnector>().FirstOrDefault(c => c.Id == source.Connector)
                ?? throw new InvalidOperationException(ConnectorMissing(source.Connector));
            var connection = await sources.ConnectionAsync(source.Id, ct);
            if (connector is IReferenceBookSource referenceBooks)
            {
                await books.MergeAsync(conn, source.MoId, actor, await referenceBooks.ReadReferenceBooksAsync(connection, ct), ct);
            }

            var periodPull = request.From is not null && request.To is not null;
            var watermark = periodPull ? null : await conn.ExecuteScalarAsync<string?>(new CommandDefinition(
                "select watermark from mis_source where id = @Id", new { source.Id }, cancellationToken: ct));
            if (periodPull)
            {
                await conn.ExecuteAsync(new CommandDefinition(
                    "create temp table if not exists sync_seen (source_key text collate \"C\"); truncate sync_seen;", cancellationToken: ct));
            }

            var translation = await TranslationBooks.LoadAsync(conn, source.MoId, ct);
            await CaseMerger.PrepareAsync(conn, ct);
            await using var patientsConn = await database.OpenConnectionAsync(ct);
            await CaseMerger.PrepareAsync(patientsConn, ct);
            var clock = Stopwatch.StartNew();
            var reading = new Stopwatch();
            var translating = new Stopwatch();
            var merging = new Stopwatch();
            var (patientPhases, visitPhases) = (new PhaseTimes(), new PhaseTimes());
            var batchSize = int.TryParse(connection.Setting("BatchSize"), out var size) && size > 0 ? size : DefaultBatchSize;
            var pull = connector.PullAsync(new PullRequest(connection, watermark, request.From, request.To, batchSize), ct);
            var translated = SyncStages.TranslateAsync(pull, translation, translating, ct).ReadAheadAsync(1, reading, ct);
            var withPatients = SyncStages.MergePatientsAsync(translated, patientsConn, source, actor, patientPhases, ct).ReadAheadAsync(1, new Stopwatch(), ct);
            await foreach (var batch in withPatients)
            {
                merging.Start();
                await MergeVisitsAsync(conn, source, actor, runId, batch, periodPull, counts, problems, visitPhases, ct);
                merging.Stop();
            }

            // The stages overlap: their sum is more than the run took.
            log.LogInformation(
                "Sync of {Source}: {Total:0.0} s; reading the MIS {Pull:0.0} s and translating {Translate:0.0} s, merging patients ({Patients}), merging visits {Merge:0.0} s ({Visits})",
                source.Name, clock.Elapsed.TotalSeconds, (reading.Elapsed - translating.Elapsed).TotalSeconds, translating.Elapsed.TotalSeconds,
                patientPhases, merging.Elapsed.TotalSeconds, visitPhases);
            if (periodPull)
            {
                await using var tx = await conn.BeginTransactionAsync(ct);
                counts.Updated += await new CaseMerger(conn, tx, source.MoId, source.Id, actor).RetireDisappearedAsync(request.From!.Value, request.To!.Value, ct);
                await tx.CommitAsync(ct);
            }

            status = counts.Failed > 0 ? SyncRunResult.Partial : SyncRunResult.Succeeded;
            if (counts.Failed > 0)
            {
                error = $"Не загружено случаев: {counts.Failed}. Первая причина: {problems[0].SourceKey}: {problems[0].Message}";
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            status = SyncRunResult.FailedStatus;
            error = Describe(ex, source);
            log.LogWarning("Sync of source {Source} failed: {Error}", source.Name, ex.Message);
        }
        catch (OperationCanceledException)
        {
            status = SyncRunResult.FailedStatus;
            error = "Прервана: хаб останавливается; следующий запуск продолжит с последней сохранённой партии";
        }

        await using (var finish = await database.OpenConnectionAsync(CancellationToken.None))
        {
            await finish.ExecuteAsync(
                """
                update sync_run set status = @status, finished_at = now(), error = @error, read = @Read, new = @New, updated = @Updated,
                    unchanged = @Unchanged, conflicts = @Conflicts, skipped = @Skipped, failed = @Failed
                where id = @runId
                """,
                new { status, error, counts.Read, counts.New, counts.Updated, counts.Unchanged, counts.Conflicts, counts.Skipped, counts.Failed, runId });
            await finish.ExecuteAsync(
                "insert into sync_problem (run_id, source_key, message) select @runId, k, m from unnest(@keys, @messages) as p(k, m)",
                new { runId, keys = problems.Select(p => p.SourceKey).Take(1000).ToArray(), messages = problems.Select(p => p.Message).Take(1000).ToArray() });
        }

        log.LogInformation(
            "Sync of {Source}: {Status}; read {Read}, new {New}, updated {Updated}, unchanged {Unchanged}, conflicts {Conflicts}, skipped {Skipped}, failed {Failed}",
            source.Name, status, counts.Read, counts.New, counts.Updated, counts.Unchanged, counts.Conflicts, counts.Skipped, counts.Failed);
        return SyncRunResult.From(source.Name, status, counts, runId, error);
    }

    /// <summary>
    /// Merges a batch's visits and commits them with the watermark after the batch and the run's counts so far (the
    /// counts in the batch's transaction: they never run ahead of what is committed, and cost no commit of their own).
    /// </summary>
    private static async Task MergeVisitsAsync(
        NpgsqlConnection conn, SourceRecord source, string actor, long runId, PatientsMerged merged, bool periodPull,
        SyncCounts counts, List<CaseProblem> problems, PhaseTimes phases, CancellationToken ct)
    {
        var batch = merged.Batch.Source;
        await using var tx = await conn.BeginTransactionAsync(ct);
        await SyncStages.WithoutWaitingForTheDiskAsync(conn, tx, ct);
        var merger = new CaseMerger(conn, tx, source.MoId, source.Id, actor, phases);
        await merger.MergeAsync(merged.Batch, merged.Patients, counts, problems, ct);
        using var committing = phases.Measure("commit");
        if (periodPull)
        {
            await merger.RememberSeenAsync(batch.Cases.Select(c => c.SourceKey), ct);
        }
        else
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "update mis_source set watermark = @Watermark where id = @Id", new { batch.Watermark, source.Id }, tx, cancellationToken: ct));
        }

        await conn.ExecuteAsync(new CommandDefinition(
            "update sync_run set read = @Read, new = @New, updated = @Updated, unchanged = @Unchanged, conflicts = @Conflicts, skipped = @Skipped, failed = @Failed where id = @runId",
            new { counts.Read, counts.New, counts.Updated, counts.Unchanged, counts.Conflicts, counts.Skipped, counts.Failed, runId }, tx, cancellationToken: ct));
        await tx.CommitAsync(ct);
    }

    private string ConnectorMissing(string connector)
    {
        var entry = plugins.Entries.FirstOrDefault(e => e.Id == connector);
        return entry is null
            ? $"Плагин-коннектор «{connector}» не установлен: положите его в папку плагинов хаба"
            : $"Плагин-коннектор «{connector}» не загружен ({entry.Status}): {entry.Error}";
    }

    private static string Describe(Exception ex, SourceRecord source) => ex switch
    {
        InvalidOperationException or FormatException => ex.Message,
        TimeoutException => $"База МИС источника «{source.Name}» не ответила вовремя; повтор при следующем запуске по расписанию",
        _ => $"Ошибка чтения из МИС источника «{source.Name}»: {ex.Message}. Проверьте подключение (кнопка «Проверить подключение»)",
    };
}
