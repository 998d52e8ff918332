using System.Threading.Channels;
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
/// (D2.6) the visits marked sent — in one transaction on the run's connection. A format that hands over the pack's
/// visits while it builds the pack (<see cref="PackRequest.Including"/>, SDK 1.4) gets them written (and marked) in
/// batches on another thread as it goes, the rest once it says the cases are final: the database's work then shares
/// the two cores with the build. One that only says when the cases are final (<see cref="PackRequest.Selected"/>,
/// SDK 1.3) gets everything written while it zips. Otherwise the rows are written once the format is done. Disposed
/// without the caller's commit, everything rolls back.
/// </summary>
internal sealed class PackRecording(
    NpgsqlConnection conn, int moId, string actor, string formatId, PackOptions request, CancellationToken ct) : IAsyncDisposable
{
    private Channel<IReadOnlyList<long>>? batches;
    private Task<Streamed>? streaming;
    private Task<RecordedPack>? started;
    private PackResult? startedFor;

    /// <summary>The <see cref="PackRequest.Including"/> callback: a batch of the pack's visits, written (and marked)
    /// behind the build.</summary>
    public void Include(IReadOnlyList<long> visitIds)
    {
        if (started is not null)
        {
            return;
        }

        if (batches is null)
        {
            batches = Channel.CreateUnbounded<IReadOnlyList<long>>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
            streaming = Task.Run(() => StreamAsync(batches.Reader), ct);
        }

        batches.Writer.TryWrite(visitIds);
    }

    /// <summary>The <see cref="PackRequest.Selected"/> callback: writes the rest of the pack that is about to be zipped.</summary>
    public void Start(PackResult selected)
    {
        if (started is not null || request.CheckOnly)
        {
            return;
        }

        startedFor = selected;
        started = Task.Run(() => streaming is null ? WriteAsync(selected, zipped: true) : CompleteAsync(selected, zipped: true), ct);
    }

    /// <summary>The rows of the run's final <paramref name="result"/>: those started early when they were started for
    /// the same visits, else written now.</summary>
    public async Task<RecordedPack> FinishAsync(PackResult result)
    {
        if (started is null && streaming is not null)
        {
            startedFor = result;
            started = CompleteAsync(result, zipped: result.FileName is not null);
        }

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
        batches?.Writer.TryComplete();
        foreach (var task in new[] { started, streaming?.ContinueWith(t => t.Result.Recorded, TaskScheduler.Default) })
        {
            if (task is null)
            {
                continue;
            }

            try
            {
                // A no-op for a transaction the caller committed or one already rolled back.
                await (await task).Transaction.DisposeAsync();
            }
            catch (Exception) when (task.IsFaulted || task.IsCanceled)
            {
                // The run failed on its own account; what it had started is rolled back with the connection's transaction.
            }
        }
    }

    /// <summary>The batches handed over while the pack is built: the history row (its counts come at the end), then
    /// per batch its <c>pack_visit</c> rows and, with "mark sent", its visits marked (one audit line for them all).</summary>
    private async Task<Streamed> StreamAsync(ChannelReader<IReadOnlyList<long>> reader)
    {
        var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            long packId;
            using (HubActivity.Phase("pack.history"))
            {
                packId = await InsertPackAsync(tx, null);
            }

            var ids = new List<long>();
            var (marked, line) = (0, (long?)null);
            await foreach (var batch in reader.ReadAllAsync(ct))
            {
                using (HubActivity.Phase("pack.history"))
                {
                    await InsertVisitsAsync(tx, packId, batch, ids.Count);
                }

                if (request.MarkSent)
                {
                    using (HubActivity.Phase("pack.mark-sent"))
                    {
                        var (count, written) = await MarkSentAsync(tx, packId, ids.Count, ids.Count + batch.Count, line);
                        (marked, line) = (marked + count, line ?? written);
                    }
                }

                ids.AddRange(batch);
            }

            return new Streamed(new RecordedPack(tx, packId, marked), ids);
        }
        catch
        {
            await tx.DisposeAsync();
            throw;
        }
    }

    /// <summary>Ends the batches and writes the rest for <paramref name="result"/>: its counts and problems. Batches
    /// that were not the pack's visits (or visits marked for a run that made no zip) are rolled back and the pack
    /// written whole.</summary>
    private async Task<RecordedPack> CompleteAsync(PackResult result, bool zipped)
    {
        batches!.Writer.TryComplete();
        var (recorded, ids) = await streaming!;
        if (!ids.SequenceEqual(result.Included) || (!zipped && recorded.Marked > 0))
        {
            await recorded.Transaction.DisposeAsync();
            return await WriteAsync(result, zipped);
        }

        using (HubActivity.Phase("pack.history"))
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "update pack set records = @Records, persons = @Persons, excluded = @Excluded where id = @packId",
                new { result.Records, result.Persons, result.Excluded, packId = recorded.PackId }, recorded.Transaction, cancellationToken: ct));
            await InsertProblemsAsync(recorded.Transaction, recorded.PackId, PackProblem.Of(result));
        }

        return recorded;
    }

    private async Task<RecordedPack> WriteAsync(PackResult result, bool zipped)
    {
        var tx = await conn.BeginTransactionAsync(ct);
        try
        {
            long packId;
            using (HubActivity.Phase("pack.history"))
            {
                packId = await InsertPackAsync(tx, result);
                await InsertVisitsAsync(tx, packId, result.Included, 0);
                await InsertProblemsAsync(tx, packId, PackProblem.Of(result));
            }

            var marked = 0;
            if (zipped && request.MarkSent)
            {
                using (HubActivity.Phase("pack.mark-sent"))
                {
                    (marked, _) = await MarkSentAsync(tx, packId, 0, result.Included.Count, null);
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

    /// <summary>The history row; its counts are <paramref name="result"/>'s, or zero until a streamed pack ends.</summary>
    private Task<long> InsertPackAsync(NpgsqlTransaction tx, PackResult? result) =>
        conn.ExecuteScalarAsync<long>(new CommandDefinition(
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
                request.FreshOnly, request.Limit, formatId, Records = result?.Records ?? 0, Persons = result?.Persons ?? 0,
                Excluded = result?.Excluded ?? 0, actor,
            },
            tx, cancellationToken: ct));

    /// <summary>The pack's visits at positions after <paramref name="before"/>.</summary>
    private Task InsertVisitsAsync(NpgsqlTransaction tx, long packId, IReadOnlyList<long> visitIds, int before) =>
        conn.ExecuteAsync(new CommandDefinition(
            "insert into pack_visit (pack_id, position, visit_id) select @packId, @before + n, id from unnest(@ids) with ordinality as u(id, n)",
            new { packId, before, ids = visitIds as long[] ?? visitIds.ToArray() }, tx, cancellationToken: ct));

    private Task InsertProblemsAsync(NpgsqlTransaction tx, long packId, IReadOnlyList<PackProblem> problems) =>
        conn.ExecuteAsync(new CommandDefinition(
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

    /// <summary>D2.6: the pack's open visits at positions after <paramref name="before"/> up to <paramref name="upTo"/>
    /// set to sent, audited under <paramref name="line"/> (or a new line, returned, when there is none yet).</summary>
    private async Task<(int Marked, long? Line)> MarkSentAsync(NpgsqlTransaction tx, long packId, int before, int upTo, long? line)
    {
        var row = await conn.QuerySingleAsync<(int Marked, long? Line)>(new CommandDefinition(
            $"""
            with sent as (
                update visit v set status = 2, version = v.version + 1, updated_at = now()
                from pack_visit pv
                where pv.pack_id = @packId and pv.position > @before and pv.position <= @upTo
                  and v.id = pv.visit_id and v.mo_id = @moId and v.status = 1
                returning v.id),
            {BulkAudit.Ctes("sent")}
            select (select count(*)::int from sent) as marked, (select id from bulk_line) as line
            """,
            BulkAudit.Parameters(new AuditEntry(actor, moId, "pack", packId.ToString(), "mark-sent", "status", "1", "2"), new { packId, before, upTo }, line),
            tx, cancellationToken: ct));
        return row;
    }

    /// <summary>What the batches wrote: the rows so far, and the visits in the order they came.</summary>
    private sealed record Streamed(RecordedPack Recorded, List<long> Ids);
}
