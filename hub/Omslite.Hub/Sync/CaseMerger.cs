using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Omslite.Hub.Audit;
using Omslite.Hub.Visits;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Sync;

/// <summary>
/// Merges the visits of one translated batch into the working database, inside the caller's transaction (the patients
/// are merged before, by <see cref="PatientMerger"/>). A case whose change marker the hub has seen is skipped; new
/// visits go in set-based (binary COPY into a staging table, then one statement for the visits with their services and
/// audit lines); changed ones are merged field by field so that local corrections survive — a field the MIS changes
/// after it was corrected here becomes a conflict showing both values, never an overwrite.
/// </summary>
public sealed class CaseMerger(NpgsqlConnection conn, NpgsqlTransaction tx, int moId, int sourceId, string actor, PhaseTimes? times = null)
{
    /// <summary>The key of a visit's services (as a set) in <c>mis_values</c>.</summary>
    public const string ServicesField = "__services";

    private const string CancelledReason = "Отменён в МИС";
    private const string CancelledAfterSendingReason = "Отменён в МИС после отправки в ТФОМС";
    private const string ChangedAfterSendingReason = "Изменён в МИС после отправки в ТФОМС";

    private static readonly string VisitColumnsList = SyncColumns.Names(SyncColumns.Visit);
    private static readonly string VisitRecordColumns = SyncColumns.Names(SyncColumns.Visit, "r.");

    /// <summary>
    /// The staging tables of a run's connection: temporary, emptied at every commit, typed like the C# fields (the
    /// inserts cast to the real columns); keys in the "C" collation, like the source keys they are joined with. A new
    /// visit's id is drawn while it is staged, so that what the MIS sent goes to <c>visit_mis</c> without joining the
    /// inserted visits back to the staging rows.
    /// </summary>
    public static async Task PrepareAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand(
            $"""
            create temp table if not exists sync_stage_patient (
                ord integer, source_key text collate "C", marker text, mis jsonb, {SyncColumns.Definitions(SyncColumns.Patient)}) on commit delete rows;
            create temp table if not exists sync_stage_visit (
                ord integer, source_key text collate "C", patient_id bigint, marker text, status smallint, mis jsonb, number integer,
                {SyncColumns.Definitions(SyncColumns.Visit)}, id bigint default nextval('visit_id_seq')) on commit delete rows;
            create temp table if not exists sync_stage_service (
                source_key text collate "C", code text, quantity integer, service_date date, exec_spec integer, exec_doc integer,
                exec_podr integer) on commit delete rows;
            """, conn);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private readonly PhaseTimes _times = times ?? new PhaseTimes();

    /// <summary>
    /// Merges the visits of a batch whose patients <see cref="PatientMerger"/> has merged (<paramref name="patients"/>:
    /// the id of each patient key taken; a key missing from it was refused, and so are its cases).
    /// </summary>
    public async Task MergeAsync(
        TranslatedBatch batch, IReadOnlyDictionary<string, long> patients, SyncCounts counts, List<CaseProblem> problems, CancellationToken ct)
    {
        counts.Read += batch.Source.Cases.Count;
        var cases = batch.Source.Cases.GroupBy(c => c.SourceKey).Select(g => g.Last()).ToList();
        Dictionary<string, StoredVisit> stored;
        using (_times.Measure("lookup"))
        {
            stored = await StoredVisitsAsync(cases.Select(c => c.SourceKey).ToArray(), ct);
        }

        var fresh = new List<HubCase>();
        var changed = new List<(HubCase Case, StoredVisit Row)>();
        foreach (var source in cases)
        {
            var row = stored.GetValueOrDefault(source.SourceKey);
            if (row is not null && row.MisMarker == source.ChangeMarker)
            {
                counts.Unchanged++;
                continue;
            }

            if (source.State == CaseState.Cancelled)
            {
                if (row is null)
                {
                    counts.Skipped++;
                }
                else
                {
                    await RetireAsync(row, source.ChangeMarker, counts, ct);
                }

                continue;
            }

            var (hubCase, problem) = batch.Translations[source.SourceKey];
            if (hubCase is null)
            {
                problems.Add(problem!);
                counts.Failed++;
            }
            else if (!patients.ContainsKey(hubCase.PatientKey))
            {
                problems.Add(new CaseProblem(hubCase.SourceKey, $"номер карты {hubCase.CardNumber} уже занят другим пациентом"));
                counts.Failed++;
            }
            else if (row is null)
            {
                fresh.Add(hubCase);
            }
            else
            {
                changed.Add((hubCase, row));
            }
        }

        using (_times.Measure("changed visits"))
        {
            await UpdateVisitsAsync(changed, counts, ct);
        }

        counts.New += await InsertVisitsAsync(fresh, patients, ct);
    }

    /// <summary>Records the keys a period pull saw, to find the visits that disappeared from the MIS.</summary>
    public async Task RememberSeenAsync(IEnumerable<string> keys, CancellationToken ct)
    {
        await using var importer = await conn.BeginBinaryImportAsync("copy sync_seen (source_key) from stdin (format binary)", ct);
        foreach (var key in keys)
        {
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(key, NpgsqlDbType.Text, ct);
        }

        await importer.CompleteAsync(ct);
    }

    /// <summary>
    /// After a full pull of a period: visits of this source in the period that the MIS no longer has are deleted when
    /// not sent yet, flagged for review when sent.
    /// </summary>
    public async Task<int> RetireDisappearedAsync(ReportPeriod from, ReportPeriod to, CancellationToken ct)
    {
        var gone = (await conn.QueryAsync<(long Id, short Status)>(new CommandDefinition(
            """
            select v.id, v.status from visit v
            where v.source_id = @sourceId and v.status > 0
              and (v.report_year * 100 + v.report_month) between @from and @to
              and not exists (select 1 from sync_seen s where s.source_key = v.source_key)
            """,
            new { sourceId, from = from.Year * 100 + from.Month, to = to.Year * 100 + to.Month }, tx, cancellationToken: ct))).ToList();
        foreach (var (id, status) in gone)
        {
            await CancelAsync(id, status, "Исчез из МИС", ct);
        }

        return gone.Count;
    }

    // A batch's keys are looked up one index probe each: "offset 0" keeps the lateral subquery from being flattened
    // into a join that the planner, with statistics taken when the tables were small (a first sync grows them by
    // thousands of rows a second), would run as a hash join over every row of the source, batch after batch.
    private async Task<Dictionary<string, StoredVisit>> StoredVisitsAsync(string[] keys, CancellationToken ct) =>
        (await conn.QueryAsync<StoredVisit>(new CommandDefinition(
            """
            select v.id, v.source_key, v.mis_marker, v.status
            from unnest(@keys) as k(key)
            cross join lateral (select * from visit v where v.source_id = @sourceId and v.source_key = k.key offset 0) v
            """,
            new { sourceId, keys }, tx, cancellationToken: ct)))
        .ToDictionary(r => r.SourceKey);

    private async Task UpdateVisitsAsync(IReadOnlyList<(HubCase Case, StoredVisit Row)> changed, SyncCounts counts, CancellationToken ct)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var rows = (await conn.QueryAsync<StoredDetails>(new CommandDefinition(
                """
                select v.source_key, v.id, m.mis_values::text as mis_values, to_jsonb(v)::text as current,
                       (select string_agg(s.code || '|' || s.quantity || '|' || to_char(s.service_date, 'YYYY-MM-DD'), ';')
                        from visit_service s where s.visit_id = v.id) as services
                from visit v left join visit_mis m on m.visit_id = v.id where v.id = any(@ids)
                """,
                new { ids = changed.Select(c => c.Row.Id).ToArray() }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.SourceKey);
        foreach (var (c, row) in changed)
        {
            await UpdateVisitAsync(rows[c.SourceKey], row.Status, c, counts, ct);
        }
    }

    private async Task UpdateVisitAsync(StoredDetails row, int status, HubCase c, SyncCounts counts, CancellationToken ct)
    {
        var mis = ColumnValues.FromJson(row.MisValues);
        var current = ColumnValues.FromJson(row.Current);
        var incoming = new Dictionary<string, string?>(c.VisitValues) { [ServicesField] = c.ServicesKey };
        current[ServicesField] = NormalisedServices(row.Services);
        var editable = status == VisitStatus.Open;
        var (patch, conflicts) = FieldMerge.Merge(mis, current, incoming, applyChanges: editable);
        var replaceServices = patch.Remove(ServicesField);
        if (replaceServices)
        {
            await conn.ExecuteAsync(new CommandDefinition("delete from visit_service where visit_id = @id", new { id = row.Id }, tx, cancellationToken: ct));
            await InsertServicesAsync(row.Id, c, ct);
        }

        var reason = !editable && conflicts.Count > 0 ? ChangedAfterSendingReason : null;
        // What the MIS sent first, then the visit: the visit's correction flag compares it with what the MIS sent.
        await conn.ExecuteAsync(new CommandDefinition(
            $"""
            insert into visit_mis (visit_id, mis_values) values (@id, @mis::jsonb)
            on conflict (visit_id) do update set mis_values = excluded.mis_values where visit_mis.mis_values is distinct from excluded.mis_values;
            update visit v set ({VisitColumnsList}) = (select {VisitRecordColumns} from jsonb_populate_record(v, @patch::jsonb) r),
                mis_marker = @marker, conflicts = v.conflicts || @conflicts::jsonb,
                review_reason = coalesce(@reason, v.review_reason),
                version = version + case when @changed then 1 else 0 end, updated_at = case when @changed then now() else updated_at end
            where id = @id
            """,
            new
            {
                id = row.Id, patch = ColumnValues.ToJson(patch), mis = ColumnValues.MisJson(incoming), marker = c.Marker,
                conflicts = JsonSerializer.Serialize(conflicts), reason, changed = patch.Count > 0 || replaceServices,
            },
            tx, cancellationToken: ct));
        var audit = patch.Select(p => new AuditEntry(actor, moId, "visit", row.Id.ToString(), "sync-update", p.Key, current.GetValueOrDefault(p.Key), p.Value)).ToList();
        if (replaceServices)
        {
            audit.Add(new AuditEntry(actor, moId, "visit", row.Id.ToString(), "sync-update", "services", current[ServicesField], c.ServicesKey));
        }

        audit.AddRange(conflicts.Select(x => new AuditEntry(actor, moId, "visit", row.Id.ToString(), "sync-conflict", x.Key, x.Value.Local, x.Value.Mis)));
        await Audit.Audit.WriteAsync(conn, tx, audit, ct);
        if (conflicts.Count > 0)
        {
            counts.Conflicts++;
        }
        else if (patch.Count > 0 || replaceServices)
        {
            counts.Updated++;
        }
        else
        {
            counts.Unchanged++;
        }
    }

    /// <summary>A case the MIS cancelled: an open visit is deleted, a sent one flagged; a deleted one stays so.</summary>
    private async Task RetireAsync(StoredVisit row, string marker, SyncCounts counts, CancellationToken ct)
    {
        if (row.Status == VisitStatus.Deleted)
        {
            counts.Unchanged++;
        }
        else
        {
            await CancelAsync(row.Id, row.Status, CancelledReason, ct);
            if (row.Status == VisitStatus.Open)
            {
                counts.Updated++;
            }
            else
            {
                counts.Conflicts++;
            }
        }

        await conn.ExecuteAsync(new CommandDefinition(
            "update visit set mis_marker = @marker where id = @id", new { id = row.Id, marker }, tx, cancellationToken: ct));
    }

    private async Task CancelAsync(long id, int status, string reason, CancellationToken ct)
    {
        var sent = status != VisitStatus.Open;
        await conn.ExecuteAsync(new CommandDefinition(
            sent
                ? "update visit set review_reason = @reason where id = @id"
                : "update visit set status = 0, review_reason = @reason, version = version + 1, updated_at = now() where id = @id",
            new { id, reason = sent ? CancelledAfterSendingReason : reason }, tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx, new AuditEntry(actor, moId, "visit", id.ToString(), sent ? "sync-conflict" : "sync-delete",
            "status", status.ToString(), sent ? status.ToString() : "0"), ct);
    }

    /// <summary>New visits, their services and their audit lines in one statement; answers how many went in.</summary>
    private async Task<int> InsertVisitsAsync(IReadOnlyList<HubCase> fresh, IReadOnlyDictionary<string, long> patients, CancellationToken ct)
    {
        if (fresh.Count == 0)
        {
            return 0;
        }

        var numbers = await FreeNumbersAsync(fresh, ct);
        var staging = _times.Measure("new visits: copy");
        await using (var importer = await conn.BeginBinaryImportAsync(
                         $"copy sync_stage_visit (ord, source_key, patient_id, marker, status, mis, number, {VisitColumnsList}) from stdin (format binary)", ct))
        {
            for (var i = 0; i < fresh.Count; i++)
            {
                var c = fresh[i];
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(i, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(c.SourceKey, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(patients[c.PatientKey], NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(c.Marker, NpgsqlDbType.Text, ct);
                await importer.WriteAsync((short)c.Status, NpgsqlDbType.Smallint, ct);
                await importer.WriteAsync(c.VisitMis, NpgsqlDbType.Jsonb, ct);
                if (numbers[i] is { } number)
                {
                    await importer.WriteAsync(number, NpgsqlDbType.Integer, ct);
                }
                else
                {
                    await importer.WriteNullAsync(ct);
                }

                await SyncColumns.WriteAsync(importer, c.Visit, SyncColumns.Visit, ct);
            }

            await importer.CompleteAsync(ct);
        }

        await using (var importer = await conn.BeginBinaryImportAsync(
                         "copy sync_stage_service (source_key, code, quantity, service_date, exec_spec, exec_doc, exec_podr) from stdin (format binary)", ct))
        {
            foreach (var c in fresh)
            {
                foreach (var s in c.Services)
                {
                    await importer.StartRowAsync(ct);
                    await importer.WriteAsync(c.SourceKey, NpgsqlDbType.Text, ct);
                    await WriteServiceAsync(importer, s, ct);
                }
            }

            await importer.CompleteAsync(ct);
        }

        staging.Dispose();
        using var inserting = _times.Measure("new visits: insert");
        // Their services are written from the key their MIS values hold: not corrected (migration 0017, item 4).
        await conn.ExecuteAsync(new CommandDefinition("select set_config('omslite.new_synced_visits', 'on', true)", transaction: tx, cancellationToken: ct));
        var created = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            $"""
            with created as (
                insert into visit (id, mo_id, source_id, source_key, patient_id, status, mis_marker, number, {VisitColumnsList})
                overriding system value
                select r.id, @moId, @sourceId, r.source_key, r.patient_id, r.status, r.marker,
                       coalesce(r.number, nextval('visit_number_seq')), {VisitRecordColumns}
                from sync_stage_visit r
                order by r.ord
                returning id, source_key
            ), mis as (
                insert into visit_mis (visit_id, mis_values) select r.id, r.mis from sync_stage_visit r
            ), services as (
                insert into visit_service (visit_id, code, quantity, service_date, exec_spec, exec_doc, exec_podr)
                select c.id, s.code, s.quantity, s.service_date, s.exec_spec, s.exec_doc, s.exec_podr
                from created c join sync_stage_service s on s.source_key = c.source_key
            ),
            {BulkAudit.Ctes("created")}
            select count(*)::integer from created
            """,
            BulkAudit.Parameters(new AuditEntry(actor, moId, "mis_source", sourceId.ToString(), "sync-create", null, null, null), new { sourceId }),
            tx, commandTimeout: 300, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("select set_config('omslite.new_synced_visits', 'off', true)", transaction: tx, cancellationToken: ct));
        return created;
    }

    /// <summary>
    /// The MIS's own number of each new visit (IDCASE in the packs the MIS sent) where no visit of the MO has it and no
    /// earlier visit of the batch takes it; null where the visit gets a number of the hub's own.
    /// </summary>
    private async Task<int?[]> FreeNumbersAsync(IReadOnlyList<HubCase> fresh, CancellationToken ct)
    {
        var wanted = fresh.Where(c => c.Number is not null).Select(c => c.Number!.Value).Distinct().ToArray();
        if (wanted.Length == 0)
        {
            return new int?[fresh.Count];
        }

        // The sequence moves past the MIS's numbers first, so that a visit typed in the hub meanwhile never draws one.
        await conn.ExecuteAsync(new CommandDefinition(
            """
            select setval('visit_number_seq', greatest(@max, nextval('visit_number_seq')))
            where @max >= (select last_value from visit_number_seq)
            """, new { max = (long)wanted.Max() }, tx, cancellationToken: ct));
        var taken = (await conn.QueryAsync<int>(new CommandDefinition(
                """
                select v.number from unnest(@wanted) as w(number)
                cross join lateral (select number from visit v where v.mo_id = @moId and v.number = w.number offset 0) v
                """,
                new { moId, wanted }, tx, cancellationToken: ct)))
            .ToHashSet();
        return fresh.Select(c => c.Number is { } n && taken.Add(n) ? n : (int?)null).ToArray();
    }

    private async Task InsertServicesAsync(long visitId, HubCase c, CancellationToken ct)
    {
        await using var importer = await conn.BeginBinaryImportAsync(
            "copy visit_service (visit_id, code, quantity, service_date, exec_spec, exec_doc, exec_podr) from stdin (format binary)", ct);
        foreach (var s in c.Services)
        {
            await importer.StartRowAsync(ct);
            await importer.WriteAsync(visitId, NpgsqlDbType.Bigint, ct);
            await WriteServiceAsync(importer, s, ct);
        }

        await importer.CompleteAsync(ct);
    }

    private static async Task WriteServiceAsync(NpgsqlBinaryImporter importer, HubService s, CancellationToken ct)
    {
        await importer.WriteAsync(s.Code, NpgsqlDbType.Text, ct);
        await importer.WriteAsync(s.Quantity, NpgsqlDbType.Integer, ct);
        await importer.WriteAsync(s.Date, NpgsqlDbType.Date, ct);
        await importer.WriteAsync(s.ExecSpec, NpgsqlDbType.Integer, ct);
        await importer.WriteAsync(s.ExecDoc, NpgsqlDbType.Integer, ct);
        await importer.WriteAsync(s.ExecPodr, NpgsqlDbType.Integer, ct);
    }

    /// <summary>The current services in <see cref="HubCase.ServicesKey"/> form (ordinal order, as the C# side sorts).</summary>
    private static string NormalisedServices(string? stored) =>
        string.Join(";", (stored ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    /// <summary>What the merge needs to know of a stored visit before it reads a case.</summary>
    private sealed record StoredVisit(long Id, string SourceKey, string? MisMarker, short Status);
}
