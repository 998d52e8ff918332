using System.Text;
using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Omslite.Hub.Audit;

namespace Omslite.Hub.Sync;

/// <summary>
/// Merges the patients of one translated batch, inside the caller's transaction, before (and, in a run, alongside)
/// the merge of the batch's visits: the doctors the translation added, hand-typed cards adopted by number, changed
/// patients field by field (local corrections survive), new ones set-based (binary COPY into a staging table, one
/// insert). Every completed case's patient is merged, whether its visit turns out new, changed or unchanged: a patient
/// whose MIS data did not change costs one index probe.
/// </summary>
public sealed class PatientMerger(NpgsqlConnection conn, NpgsqlTransaction tx, int moId, int sourceId, string actor, PhaseTimes? times = null)
{
    private static readonly string PatientColumnsList = SyncColumns.Names(SyncColumns.Patient);
    private static readonly string PatientRecordColumns = SyncColumns.Names(SyncColumns.Patient, "r.");

    private readonly PhaseTimes _times = times ?? new PhaseTimes();

    /// <summary>
    /// Merges the patients of a batch's completed cases; answers the id of each patient key taken (a key missing from
    /// the answer was refused: another patient has its card number).
    /// </summary>
    public async Task<Dictionary<string, long>> MergeAsync(TranslatedBatch batch, CancellationToken ct)
    {
        await TranslationBooks.WriteAsync(conn, tx, moId, batch.NewDoctors, ct);
        var patients = batch.Translations.Values.Where(t => t.Case is not null).Select(t => t.Case!)
            .GroupBy(c => c.PatientKey).Select(g => g.Last()).ToList();
        if (patients.Count == 0)
        {
            return [];
        }

        var keys = patients.Select(p => p.PatientKey).ToArray();

        // A card typed by hand before the MIS was connected is the same patient: the sync adopts it. Only an MO that
        // has such cards pays for looking (found through the source index alone: "+ 0" keeps the planner from also
        // scanning an MO's every card); each "offset 0" keeps a probe a probe (see CaseMerger.StoredVisitsAsync).
        await conn.ExecuteAsync(new CommandDefinition(
            """
            update patient p set source_id = @sourceId, source_key = c.key
            from (
                select s.key, m.id
                from unnest(@keys, @cards) as s(key, card)
                cross join lateral (select id from patient m where m.mo_id = @moId and m.card_number = s.card and m.source_id is null offset 0) m
                where exists (select 1 from patient z where z.source_id is null and z.mo_id + 0 = @moId)
                offset 0
            ) c
            where p.id = c.id
              and not exists (select 1 from patient q where q.source_id = @sourceId and q.source_key = c.key offset 0)
            """,
            new { sourceId, moId, keys, cards = patients.Select(p => p.CardNumber).ToArray() }, tx, cancellationToken: ct));
        var stored = (await conn.QueryAsync<(string Key, long Id, string? Marker)>(new CommandDefinition(
                """
                select p.source_key, p.id, p.mis_marker
                from unnest(@keys) as k(key)
                cross join lateral (select * from patient p where p.source_id = @sourceId and p.source_key = k.key offset 0) p
                """,
                new { sourceId, keys }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Key);

        await UpdatePatientsAsync(patients.Where(p => stored.TryGetValue(p.PatientKey, out var s) && s.Marker != p.PatientMarker).ToList(), ct);
        var ids = stored.ToDictionary(s => s.Key, s => s.Value.Id);
        foreach (var (key, id) in await InsertPatientsAsync(patients.Where(p => !stored.ContainsKey(p.PatientKey)).ToList(), ct))
        {
            ids[key] = id;
        }

        return ids;
    }

    /// <summary>New patients in one insert; a card another patient already has is left out (and its cases refused).</summary>
    private async Task<IEnumerable<(string Key, long Id)>> InsertPatientsAsync(IReadOnlyList<HubCase> fresh, CancellationToken ct)
    {
        if (fresh.Count == 0)
        {
            return [];
        }

        var staging = _times.Measure("new patients: copy");
        await using (var importer = await conn.BeginBinaryImportAsync(
                         $"copy sync_stage_patient (ord, source_key, marker, mis, {PatientColumnsList}) from stdin (format binary)", ct))
        {
            for (var i = 0; i < fresh.Count; i++)
            {
                var p = fresh[i];
                await importer.StartRowAsync(ct);
                await importer.WriteAsync(i, NpgsqlDbType.Integer, ct);
                await importer.WriteAsync(p.PatientKey, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(p.PatientMarker, NpgsqlDbType.Text, ct);
                await importer.WriteAsync(p.PatientMis, NpgsqlDbType.Jsonb, ct);
                await SyncColumns.WriteAsync(importer, p.Patient, SyncColumns.Patient, ct);
            }

            await importer.CompleteAsync(ct);
        }

        staging.Dispose();
        using var inserting = _times.Measure("new patients: insert");

        // "on conflict do nothing": a card number taken by another patient (or twice in the batch: the first wins).
        return await conn.QueryAsync<(string Key, long Id)>(new CommandDefinition(
            $"""
            insert into patient (mo_id, source_id, source_key, mis_marker, mis_values, {PatientColumnsList})
            select @moId, @sourceId, r.source_key, r.marker, r.mis, {PatientRecordColumns}
            from sync_stage_patient r order by r.ord
            on conflict do nothing
            returning source_key, id
            """,
            new { moId, sourceId }, tx, commandTimeout: 300, cancellationToken: ct));
    }

    private async Task UpdatePatientsAsync(IReadOnlyList<HubCase> changed, CancellationToken ct)
    {
        if (changed.Count == 0)
        {
            return;
        }

        var rows = (await conn.QueryAsync<StoredDetails>(new CommandDefinition(
                """
                select source_key, id, mis_values::text as mis_values, to_jsonb(p)::text as current, null as services
                from patient p where source_id = @sourceId and source_key = any(@keys)
                """,
                new { sourceId, keys = changed.Select(p => p.PatientKey).ToArray() }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.SourceKey);
        var takenCards = (await conn.QueryAsync<(string Card, string? Key)>(new CommandDefinition(
                "select card_number, source_key from patient where mo_id = @moId and card_number = any(@cards)",
                new { moId, cards = changed.Select(p => p.CardNumber).ToArray() }, tx, cancellationToken: ct)))
            .ToDictionary(r => r.Card, r => r.Key);
        foreach (var patient in changed)
        {
            await UpdatePatientAsync(rows[patient.PatientKey], patient, takenCards, ct);
        }
    }

    private async Task UpdatePatientAsync(StoredDetails row, HubCase patient, Dictionary<string, string?> takenCards, CancellationToken ct)
    {
        var current = ColumnValues.FromJson(row.Current);
        var (patch, conflicts) = FieldMerge.Merge(ColumnValues.FromJson(row.MisValues), current, patient.PatientValues, applyChanges: true);
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
                id = row.Id, patch = ColumnValues.ToJson(patch), mis = Encoding.UTF8.GetString(patient.PatientMis), marker = patient.PatientMarker,
                conflicts = JsonSerializer.Serialize(conflicts), changed = patch.Count > 0,
            },
            tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx, patch.Select(p => new AuditEntry(
            actor, moId, "patient", row.Id.ToString(), "sync-update", p.Key, current.GetValueOrDefault(p.Key), p.Value)).ToList(), ct);
    }
}
