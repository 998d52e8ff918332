using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Omslite.Hub.Audit;
using Omslite.Hub.Patients;
using Omslite.Hub.Visits;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Sync;

/// <summary>
/// Merges one batch of translated cases into the working database, inside the caller's transaction:
/// new cases in bulk (binary COPY into staging tables, then set-based inserts), unchanged cases skipped by their
/// change marker, changed cases field by field so that local corrections survive — a field the MIS changes after it
/// was corrected here becomes a conflict showing both values, never an overwrite.
/// </summary>
public sealed class CaseMerger(NpgsqlConnection conn, NpgsqlTransaction tx, int moId, int sourceId, string actor)
{
    private const string ServicesKey = "__services";
    private const string CancelledReason = "Отменён в МИС";
    private const string CancelledAfterSendingReason = "Отменён в МИС после отправки в ТФОМС";
    private const string ChangedAfterSendingReason = "Изменён в МИС после отправки в ТФОМС";

    private static readonly string PatientColumnsList = string.Join(", ", PatientColumns.Stored.Select(c => c.Column));
    private static readonly string PatientRecordColumns = string.Join(", ", PatientColumns.Stored.Select(c => "r." + c.Column));
    private static readonly string[] VisitColumnNames = VisitColumns.Stored.Select(c => c.Column).ToArray();
    private static readonly string VisitColumnsList = string.Join(", ", VisitColumnNames);
    private static readonly string VisitRecordColumns = string.Join(", ", VisitColumnNames.Select(c => "r." + c));

    public async Task MergeAsync(IReadOnlyList<HubCase> batch, SyncCounts counts, List<CaseProblem> problems, CancellationToken ct)
    {
        var cases = await MergePatientsAsync(batch, problems, counts, ct);
        await MergeVisitsAsync(cases, counts, ct);
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

    private async Task<IReadOnlyList<HubCase>> MergePatientsAsync(IReadOnlyList<HubCase> batch, List<CaseProblem> problems, SyncCounts counts, CancellationToken ct)
    {
        var patients = batch.GroupBy(c => c.PatientKey).Select(g => g.Last()).ToList();
        var keys = patients.Select(p => p.PatientKey).ToArray();
        var cards = patients.Select(p => p.Patient["card_number"]!).ToArray();

        // A card typed by hand before the MIS was connected is the same patient: the sync adopts it.
        await conn.ExecuteAsync(new CommandDefinition(
            """
            update patient p set source_id = @sourceId, source_key = s.key
            from unnest(@keys, @cards) as s(key, card)
            where p.mo_id = @moId and p.source_id is null and p.card_number = s.card
              and not exists (select 1 from patient q where q.source_id = @sourceId and q.source_key = s.key)
            """,
            new { sourceId, moId, keys, cards }, tx, cancellationToken: ct));
        var existing = (await conn.QueryAsync<StoredRow>(new CommandDefinition(
                """
                select id, source_key, mis_marker, mis_values::text as mis_values, to_jsonb(p)::text as current, 0::smallint as status, null as services
                from patient p where source_id = @sourceId and source_key = any(@keys)
                """,
                new { sourceId, keys }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.SourceKey);
        var takenCards = (await conn.QueryAsync<(string Card, string? Key)>(new CommandDefinition(
                "select card_number, source_key from patient where mo_id = @moId and card_number = any(@cards)",
                new { moId, cards }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Card, r => r.Key);

        var fresh = new List<HubCase>();
        var refused = new HashSet<string>();
        foreach (var patient in patients)
        {
            var card = patient.Patient["card_number"]!;
            if (existing.TryGetValue(patient.PatientKey, out var row))
            {
                if (row.MisMarker != patient.PatientMarker)
                {
                    await UpdatePatientAsync(row, patient, takenCards, ct);
                }

                continue;
            }

            if (takenCards.TryGetValue(card, out var owner) && owner != patient.PatientKey)
            {
                refused.Add(patient.PatientKey);
                continue;
            }

            takenCards[card] = patient.PatientKey;
            fresh.Add(patient);
        }

        await InsertPatientsAsync(fresh, ct);
        var accepted = new List<HubCase>();
        foreach (var c in batch)
        {
            if (refused.Contains(c.PatientKey))
            {
                problems.Add(new CaseProblem(c.SourceKey, $"номер карты {c.Patient["card_number"]} уже занят другим пациентом"));
                counts.Failed++;
            }
            else
            {
                accepted.Add(c);
            }
        }

        return accepted;
    }

    private async Task InsertPatientsAsync(IReadOnlyList<HubCase> fresh, CancellationToken ct)
    {
        if (fresh.Count == 0)
        {
            return;
        }

        await conn.ExecuteAsync(new CommandDefinition(
            "create temp table if not exists sync_stage_patient (source_key text, marker text, vals jsonb) on commit delete rows", transaction: tx, cancellationToken: ct));
        await using (var importer = await conn.BeginBinaryImportAsync("copy sync_stage_patient (source_key, marker, vals) from stdin (format binary)", ct))
        {
            foreach (var p in fresh)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(p.PatientKey, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(p.PatientMarker, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(ColumnValues.ToJson(p.Patient), NpgsqlDbType.Jsonb, ct);
            }

            await importer.CompleteAsync(ct);
        }

        await conn.ExecuteAsync(new CommandDefinition(
            $"""
            insert into patient (mo_id, source_id, source_key, mis_marker, mis_values, {PatientColumnsList})
            select @moId, @sourceId, s.source_key, s.marker, s.vals, {PatientRecordColumns}
            from sync_stage_patient s cross join lateral jsonb_populate_record(null::patient, s.vals) r
            """,
            new { moId, sourceId }, tx, commandTimeout: 300, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition("truncate sync_stage_patient", transaction: tx, cancellationToken: ct));
    }

    private async Task UpdatePatientAsync(StoredRow row, HubCase patient, Dictionary<string, string?> takenCards, CancellationToken ct)
    {
        var current = ColumnValues.FromJson(row.Current);
        var (patch, conflicts) = FieldMerge.Merge(ColumnValues.FromJson(row.MisValues), current, patient.Patient, applyChanges: true);
        if (patch.TryGetValue("card_number", out var card) && card is not null
            && takenCards.TryGetValue(card, out var owner) && owner != patient.PatientKey)
        {
            conflicts["card_number"] = new FieldConflict(card, current.GetValueOrDefault("card_number"));
            patch.Remove("card_number");
        }

        await conn.ExecuteAsync(new CommandDefinition(
            $"""
            update patient p set ({PatientColumnsList}) = (select {PatientRecordColumns} from jsonb_populate_record(p, @patch::jsonb) r),
                mis_values = @mis::jsonb, mis_marker = @marker, conflicts = p.conflicts || @conflicts::jsonb,
                version = version + case when @changed then 1 else 0 end, updated_at = case when @changed then now() else updated_at end
            where id = @id
            """,
            new
            {
                id = row.Id, patch = ColumnValues.ToJson(patch), mis = ColumnValues.ToJson(patient.Patient), marker = patient.PatientMarker,
                conflicts = JsonSerializer.Serialize(conflicts), changed = patch.Count > 0,
            },
            tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx, patch.Select(p => new AuditEntry(
            actor, moId, "patient", row.Id.ToString(), "sync-update", p.Key, current.GetValueOrDefault(p.Key), p.Value)).ToList(), ct);
    }

    private async Task MergeVisitsAsync(IReadOnlyList<HubCase> cases, SyncCounts counts, CancellationToken ct)
    {
        var keys = cases.Select(c => c.SourceKey).ToArray();
        var existing = (await conn.QueryAsync<StoredRow>(new CommandDefinition(
                """
                select v.id, v.source_key, v.mis_marker, v.mis_values::text as mis_values, to_jsonb(v)::text as current, v.status,
                       (select string_agg(s.code || '|' || s.quantity || '|' || to_char(s.service_date, 'YYYY-MM-DD'), ';')
                        from visit_service s where s.visit_id = v.id) as services
                from visit v where v.source_id = @sourceId and v.source_key = any(@keys)
                """,
                new { sourceId, keys }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.SourceKey);
        var fresh = new List<HubCase>();
        foreach (var c in cases.GroupBy(c => c.SourceKey).Select(g => g.Last()))
        {
            if (!existing.TryGetValue(c.SourceKey, out var row))
            {
                if (c.State == CaseState.Completed)
                {
                    fresh.Add(c);
                }
                else
                {
                    counts.Skipped++;
                }

                continue;
            }

            if (row.MisMarker == c.Marker)
            {
                counts.Unchanged++;
                continue;
            }

            await UpdateVisitAsync(row, c, counts, ct);
        }

        await InsertVisitsAsync(fresh, ct);
        counts.New += fresh.Count;
    }

    private async Task UpdateVisitAsync(StoredRow row, HubCase c, SyncCounts counts, CancellationToken ct)
    {
        if (c.State == CaseState.Cancelled)
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
                "update visit set mis_marker = @marker where id = @id", new { id = row.Id, marker = c.Marker }, tx, cancellationToken: ct));
            return;
        }

        var mis = ColumnValues.FromJson(row.MisValues);
        var current = ColumnValues.FromJson(row.Current);
        var incoming = new Dictionary<string, string?>(c.Visit) { [ServicesKey] = c.ServicesKey };
        current[ServicesKey] = NormalisedServices(row.Services);
        var editable = row.Status == VisitStatus.Open;
        var (patch, conflicts) = FieldMerge.Merge(mis, current, incoming, applyChanges: editable);
        var replaceServices = patch.Remove(ServicesKey);
        if (replaceServices)
        {
            await conn.ExecuteAsync(new CommandDefinition("delete from visit_service where visit_id = @id", new { id = row.Id }, tx, cancellationToken: ct));
            await InsertServicesAsync([(row.Id, c)], ct);
        }

        var reason = !editable && conflicts.Count > 0 ? ChangedAfterSendingReason : null;
        await conn.ExecuteAsync(new CommandDefinition(
            $"""
            update visit v set ({VisitColumnsList}) = (select {VisitRecordColumns} from jsonb_populate_record(v, @patch::jsonb) r),
                mis_values = @mis::jsonb, mis_marker = @marker, conflicts = v.conflicts || @conflicts::jsonb,
                review_reason = coalesce(@reason, v.review_reason),
                version = version + case when @changed then 1 else 0 end, updated_at = case when @changed then now() else updated_at end
            where id = @id
            """,
            new
            {
                id = row.Id, patch = ColumnValues.ToJson(patch), mis = ColumnValues.ToJson(incoming), marker = c.Marker,
                conflicts = JsonSerializer.Serialize(conflicts), reason, changed = patch.Count > 0 || replaceServices,
            },
            tx, cancellationToken: ct));
        var audit = patch.Select(p => new AuditEntry(actor, moId, "visit", row.Id.ToString(), "sync-update", p.Key, current.GetValueOrDefault(p.Key), p.Value)).ToList();
        if (replaceServices)
        {
            audit.Add(new AuditEntry(actor, moId, "visit", row.Id.ToString(), "sync-update", "services", current[ServicesKey], c.ServicesKey));
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

    private async Task InsertVisitsAsync(IReadOnlyList<HubCase> fresh, CancellationToken ct)
    {
        if (fresh.Count == 0)
        {
            return;
        }

        await conn.ExecuteAsync(new CommandDefinition(
            "create temp table if not exists sync_stage_visit (source_key text, patient_key text, marker text, status smallint, vals jsonb, mis jsonb) on commit delete rows",
            transaction: tx, cancellationToken: ct));
        await using (var importer = await conn.BeginBinaryImportAsync("copy sync_stage_visit (source_key, patient_key, marker, status, vals, mis) from stdin (format binary)", ct))
        {
            foreach (var c in fresh)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(c.SourceKey, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(c.PatientKey, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(c.Marker, NpgsqlDbType.Text, ct);
                await importer.WriteAsync((short)c.Status, NpgsqlDbType.Smallint, ct);
                await importer.WriteAsync(ColumnValues.ToJson(c.Visit), NpgsqlDbType.Jsonb, ct);
                await importer.WriteAsync(ColumnValues.ToJson(new Dictionary<string, string?>(c.Visit) { [ServicesKey] = c.ServicesKey }), NpgsqlDbType.Jsonb, ct);
            }

            await importer.CompleteAsync(ct);
        }

        var ids = (await conn.QueryAsync<(long Id, string SourceKey)>(new CommandDefinition(
            $"""
            insert into visit (mo_id, source_id, source_key, patient_id, status, mis_marker, mis_values, {VisitColumnsList})
            select @moId, @sourceId, s.source_key, p.id, s.status, s.marker, s.mis, {VisitRecordColumns}
            from sync_stage_visit s
            join patient p on p.source_id = @sourceId and p.source_key = s.patient_key
            cross join lateral jsonb_populate_record(null::visit, s.vals) r
            returning id, source_key
            """,
            new { moId, sourceId }, tx, commandTimeout: 300, cancellationToken: ct))).ToDictionary(r => r.SourceKey, r => r.Id);
        await conn.ExecuteAsync(new CommandDefinition("truncate sync_stage_visit", transaction: tx, cancellationToken: ct));
        await InsertServicesAsync(fresh.Where(c => ids.ContainsKey(c.SourceKey)).Select(c => (ids[c.SourceKey], c)).ToList(), ct);
        await conn.ExecuteAsync(new CommandDefinition(
            "insert into audit_log (actor, mo_id, entity, entity_id, operation) select @actor, @moId, 'visit', id::text, 'sync-create' from unnest(@ids) id",
            new { actor, moId, ids = ids.Values.ToArray() }, tx, cancellationToken: ct));
    }

    private async Task InsertServicesAsync(IReadOnlyList<(long VisitId, HubCase Case)> visits, CancellationToken ct)
    {
        await using var importer = await conn.BeginBinaryImportAsync(
            "copy visit_service (visit_id, code, quantity, service_date, exec_spec, exec_doc, exec_podr) from stdin (format binary)", ct);
        foreach (var (visitId, c) in visits)
        {
            foreach (var s in c.Services)
            {
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(visitId, NpgsqlDbType.Bigint, ct);
                await importer.WriteAsync(s.Code, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(s.Quantity, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(s.Date, NpgsqlDbType.Date, ct);
                await importer.WriteAsync(s.ExecSpec, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(s.ExecDoc, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(s.ExecPodr, NpgsqlDbType.Integer, ct);
            }
        }

        await importer.CompleteAsync(ct);
    }

    /// <summary>The current services in <see cref="HubCase.ServicesKey"/> form (ordinal order, as the C# side sorts).</summary>
    private static string NormalisedServices(string? stored) =>
        string.Join(";", (stored ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));

    private sealed record StoredRow(long Id, string SourceKey, string? MisMarker, string? MisValues, string Current, short Status, string? Services);
}
