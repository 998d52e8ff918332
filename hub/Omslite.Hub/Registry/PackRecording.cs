using Dapper;
using Npgsql;
using Omslite.Hub.Audit;
using Omslite.Hub.Hosting;
using Omslite.Sdk.Registry;

namespace Omslite.Hub.Registry;

/// <summary>The rows a pack run wrote, in its still open transaction.</summary>
/// <param name="Transaction">Committed by the caller once the zip is stored; rolled back otherwise.</param>
/// <param name="PackId">The history row.</param>
/// <param name="Marked">The visits set to sent.</param>
internal sealed record RecordedPack(NpgsqlTransaction Transaction, long PackId, int Marked);

/// <summary>
/// A pack run's rows in the working database — the history row, its visits and the problems of the excluded ones, and
/// (D2.6) the visits marked sent — in one transaction on the run's connection. A format that says when the pack's
/// cases are final (<see cref="PackRequest.Selected"/>, SDK 1.3) gets them written on another thread while it zips:
/// the database's work and the compression then share the two cores instead of following each other. Otherwise they
/// are written once the format is done. Disposed without the caller's commit, everything rolls back.
/// </summary>
internal sealed class PackRecording(
    NpgsqlConnection conn, int moId, string actor, string formatId, PackOptions request, CancellationToken ct) : IAsyncDisposable
{
    private Task<RecordedPack>? started;
    private PackResult? startedFor;

    /// <summary>The <see cref="PackRequest.Selected"/> callback: starts writing the pack that is about to be zipped.</summary>
    public void Start(PackResult selected)
    {
        if (started is not null || request.CheckOnly)
        {
            return;
        }

        startedFor = selected;
        started = Task.Run(() => WriteAsync(selected, zipped: true), ct);
    }

    /// <summary>The rows of the run's final <paramref name="result"/>: those started early when they were started for
    /// the same visits, else written now.</summary>
    public async Task<RecordedPack> FinishAsync(PackResult result)
    {
        if (started is not null)
        {
            var early = await started;
            if (startedFor!.Included.SequenceEqual(result.Included) && startedFor.Problems.Count == result.Problems.Count)
            {
                return early;
            }

            // A format that named other cases at the end than when it said they were final: its word at the end counts.
            started = null;
            await early.Transaction.DisposeAsync();
        }

        started = WriteAsync(result, zipped: result.FileName is not null);
        return await started;
    }

    public async ValueTask DisposeAsync()
    {
        if (started is null)
        {
            return;
        }

        try
        {
            await (await started).Transaction.DisposeAsync();
        }
        catch (Exception) when (started.IsFaulted || started.IsCanceled)
        {
            // The run failed on its own account; what it had started is rolled back with the connection's transaction.
        }
    }

    private async Task<RecordedPack> WriteAsync(PackResult result, bool zipped)
    {
        var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            long packId;
            using (HubActivity.Phase("pack.history"))
            {
                packId = await InsertHistoryAsync(tx, result, PackProblem.Of(result));
            }

            var marked = 0;
            if (zipped && request.MarkSent)
            {
                using (HubActivity.Phase("pack.mark-sent"))
                {
                    marked = await MarkSentAsync(tx, packId);
                }
            }

            return new RecordedPack(tx, packId, marked);
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }

    /// <summary>The history row (its file is named once the zip is stored) with the visits of the pack and the problems
    /// of the excluded ones; returns its id.</summary>
    private async Task<long> InsertHistoryAsync(NpgsqlTransaction tx, PackResult result, IReadOnlyList<PackProblem> problems)
    {
        var packId = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            insert into pack (mo_id, report_year, report_month, number, check_only, mark_sent, fresh_only, row_limit,
                              region_format, records, persons, excluded, created_by, signed)
            values (@moId, @Year, @Month, @Number, @CheckOnly, @MarkSent, @FreshOnly, @Limit,
                    @formatId, @Records, @Persons, @Excluded, @actor, false)
            returning id
            """,
            new
            {
                moId, request.Period.Year, request.Period.Month, request.Number, request.CheckOnly, request.MarkSent,
                request.FreshOnly, request.Limit, formatId, result.Records, result.Persons, result.Excluded, actor,
            },
            tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "insert into pack_visit (pack_id, position, visit_id) select @packId, n, id from unnest(@ids) with ordinality as u(id, n)",
            new { packId, ids = result.Included as long[] ?? result.Included.ToArray() }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into pack_problem (pack_id, position, visit_id, number, patient_id, card_number, code, field, message)
            select @packId, n, visit_id, number, patient_id, card_number, code, field, message
            from unnest(@visits, @numbers, @patients, @cards, @codes, @fields, @messages)
                 with ordinality as u(visit_id, number, patient_id, card_number, code, field, message, n)
            """,
            new
            {
                packId,
                visits = problems.Select(p => p.VisitId).ToArray(),
                numbers = problems.Select(p => p.Number).ToArray(),
                patients = problems.Select(p => p.PatientId).ToArray(),
                cards = problems.Select(p => p.CardNumber).ToArray(),
                codes = problems.Select(p => p.Code).ToArray(),
                fields = problems.Select(p => p.Field).ToArray(),
                messages = problems.Select(p => p.Message).ToArray(),
            },
            tx, cancellationToken: ct));
        return packId;
    }

    /// <summary>D2.6: every visit of the pack that is still open becomes sent — one statement over the pack's visits just
    /// stored (<c>pack_visit</c>), so that the ids of a 100 000-visit pack do not travel again — audited as one line for
    /// the pack with a link per visit (<see cref="BulkAudit"/>).</summary>
    private Task<int> MarkSentAsync(NpgsqlTransaction tx, long packId) =>
        conn.ExecuteScalarAsync<int>(new CommandDefinition(
            $"""
            with sent as (
                update visit v set status = 2, version = v.version + 1, updated_at = now()
                from pack_visit pv
                where pv.pack_id = @packId and v.id = pv.visit_id and v.mo_id = @moId and v.status = 1
                returning v.id),
            {BulkAudit.Ctes("sent")}
            select count(*)::int from sent
            """,
            BulkAudit.Parameters(new AuditEntry(actor, moId, "pack", packId.ToString(), "mark-sent", "status", "1", "2"), new { packId }),
            tx, cancellationToken: ct));
}
