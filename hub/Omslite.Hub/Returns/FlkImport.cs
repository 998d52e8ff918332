using System.Text.Json;
using Dapper;
using Npgsql;
using NpgsqlTypes;
using Omslite.Hub.Audit;
using Omslite.Hub.Hosting;
using Omslite.Hub.Plugins;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.Hub.Returns;

/// <summary>The outcome of an FLK protocol import.</summary>
/// <param name="File">The protocol's name.</param>
/// <param name="Batch">The batch id.</param>
/// <param name="Read">ZAP records in the file.</param>
/// <param name="Records">ZAP records with at least one kept error (the "Записей считано" of the message).</param>
/// <param name="Matched">Of them, matched to a visit of the MO.</param>
/// <param name="Unmatched">Of them, with no such visit.</param>
/// <param name="Errors">Error rows stored.</param>
/// <param name="Reopened">Sent visits set back to open.</param>
/// <param name="Unknown">The visit numbers not found.</param>
public sealed record FlkImportResult(string File, long Batch, int Read, int Records, int Matched, int Unmatched, int Errors, int Reopened, IReadOnlyList<int> Unknown)
{
    public string Message => $"Файл ошибок: {File} Записей считано {Records}";
}

/// <summary>
/// Imports a TFOMS error protocol (workflows.md §2, D3): the MO's format reads it; each refused case is matched to
/// the MO's visit by its number (IDCASE); every kept error becomes a row of a new batch with the TFOMS_ERR book's
/// description and the protocol's comment; the matched visits are reopened (status 1), audited. Unknown numbers are
/// stored as "Талон не найден" and listed. All in one transaction: a bad file changes nothing, even when it is found out
/// half-way. Set-based: the errors are copied into a temporary table while the file is parsed (<see cref="ProtocolCases"/>),
/// then matched while stored, reopened and audited by one statement each.
/// </summary>
public sealed class FlkImport(NpgsqlDataSource database, PluginCatalog plugins)
{
    public const string NotFound = "Талон не найден";
    public const string NoDescription = "Нет описания";

    public async Task<FlkImportResult> ImportAsync(int moId, string fileName, Func<Stream> open, string actor, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var mo = await ReturnsMo.LoadAsync(conn, moId, ct);
        var reader = mo.Capability<IErrorProtocolReader>(plugins, "читать протоколы ФЛК");
        var name = reader.ParseErrorProtocolName(fileName);
        if (name.MoCode != mo.Mo.Code)
        {
            throw new InvalidOperationException($"Протокол {fileName} другой МО: {name.MoCode} (текущая МО {mo.Mo.Code})");
        }

        await using var tx = await conn.BeginTransactionAsync(ct);
        // The store sorts the protocol's errors into file order: in memory, not in a temporary file.
        await conn.ExecuteAsync(new CommandDefinition("set local work_mem = '64MB'", transaction: tx, cancellationToken: ct));
        // Read and copied at once: the cases go to the database while the file is still being parsed. A bad file found
        // out half-way throws here, and the transaction (its temporary table) goes with it.
        var summary = new ErrorProtocolSummary();
        CopiedProtocol copied;
        using (HubActivity.Phase("flk.read"))
        await using (var content = open())
        {
            copied = await CopyErrorsAsync(conn, ProtocolCases.Read(reader, content, fileName, mo.Mo, summary, ct), ct);
        }

        using (HubActivity.Phase("flk.match"))
        {
            // Without statistics the planner expects a handful of rows and probes the visit index once per error
            // instead of hashing the protocol once.
            await using var analyze = new NpgsqlCommand("analyze flk_in", conn);
            await analyze.ExecuteNonQueryAsync(ct);
        }

        var errors = copied.Errors;
        long batch;
        IReadOnlyList<int> unknown;
        using (HubActivity.Phase("flk.store"))
        {
            batch = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
                """
                insert into flk_batch (mo_id, file_name, report_year, report_month, header, records, cases, matched, errors, reopened, imported_by)
                values (@moId, @fileName, @year, @month, @header::jsonb, @read, @cases, 0, @errors, 0, @actor)
                returning id
                """,
                new
                {
                    moId, fileName, year = name.Year, month = name.Month, header = JsonSerializer.Serialize(summary.Header), read = summary.Records,
                    cases = copied.Numbers.Count, errors, actor,
                }, tx, cancellationToken: ct));
            // Matched by number while stored: (mo_id, number) is unique, so an error row gets at most one visit. The
            // unknown numbers come from the rows as inserted, not from reading the batch back through its index.
            unknown = (await conn.QueryAsync<int>(new CommandDefinition(
                """
                with stored as (
                    insert into flk_error (batch_id, visit_id, patient_id, visit_number, open_date, close_date, card_number, fam, code, description, comment, element)
                    select @batch, v.id, v.patient_id, i.number, v.open_date, v.close_date, coalesce(p.card_number, ''),
                           case when v.id is null then @NotFound else coalesce(p.fam, '') end, i.code, coalesce(d.name, @NoDescription), i.comment, i.element
                    from flk_in i
                    left join visit v on v.mo_id = @moId and v.number = i.number and v.status > 0
                    left join patient p on p.id = v.patient_id
                    left join (select distinct on (code) code, name from nsi_entry where book = 'TFOMS_ERR' and code in (select code from flk_in)
                               order by code, date_beg) d on d.code = i.code
                    order by i.position
                    returning id, visit_id, visit_number)
                select visit_number from stored where visit_id is null group by visit_number order by min(id)
                """, new { batch, moId, NotFound, NoDescription }, tx, cancellationToken: ct))).ToList();
        }

        var missing = unknown.ToHashSet();
        var matched = copied.Numbers.Count(number => !missing.Contains(number));

        int reopened;
        using (HubActivity.Phase("flk.reopen"))
        {
            // D3: the matched visits go back to open, so the next pack ("Не отправлять принятые") takes them again.
            // Joined through the analysed flk_in, not the batch's new flk_error rows: their statistics do not know the
            // batch yet, and the planner would probe the visit index once per row.
            reopened = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
                $"""
                with reopened as (
                    update visit v set status = 1, version = v.version + 1, updated_at = now()
                    from flk_in i
                    where v.mo_id = @moId and v.number = i.number and v.status = 2
                    returning v.id),
                {BulkAudit.Ctes("reopened")}
                select count(*) from reopened
                """, BulkAudit.Parameters(new AuditEntry(actor, moId, "flk_batch", batch.ToString(), "flk-reopen", "status", "2", "1")),
                tx, cancellationToken: ct));
            await conn.ExecuteAsync(new CommandDefinition(
                "update flk_batch set matched = @matched, reopened = @reopened where id = @batch", new { matched, reopened, batch }, tx, cancellationToken: ct));
            await Audit.Audit.WriteAsync(conn, tx, new AuditEntry(actor, moId, "flk_batch", batch.ToString(), "import", null, null, fileName), ct);
        }

        using (HubActivity.Phase("flk.commit"))
        {
            await tx.CommitAsync(ct);
        }

        return new FlkImportResult(fileName, batch, summary.Records, copied.Numbers.Count, matched, copied.Numbers.Count - matched, errors, reopened, unknown);
    }

    /// <summary>
    /// Every kept error of the protocol, in file order, into the transaction's temporary table <c>flk_in</c> (binary
    /// COPY: no per-row round trip) as the cases come; the numbers of the cases and the count of errors.
    /// </summary>
    private static async Task<CopiedProtocol> CopyErrorsAsync(NpgsqlConnection conn, IAsyncEnumerable<ProtocolCase> cases, CancellationToken ct)
    {
        await using (var create = new NpgsqlCommand(
                         """
                         create temporary table flk_in (position integer, number integer, code text, comment text, element text)
                         on commit drop
                         """, conn))
        {
            await create.ExecuteNonQueryAsync(ct);
        }

        var numbers = new List<int>();
        var position = 0;
        await using (var copy = await conn.BeginBinaryImportAsync("copy flk_in (position, number, code, comment, element) from stdin (format binary)", ct))
        {
            await foreach (var refused in cases.WithCancellation(ct))
            {
                numbers.Add(refused.IdCase);
                foreach (var error in refused.Errors)
                {
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(++position, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(refused.IdCase, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync(error.Code, NpgsqlDbType.Text, ct);
                    await WriteNullableAsync(copy, error.Comment, ct);
                    await WriteNullableAsync(copy, error.Element, ct);
                }
            }

            await copy.CompleteAsync(ct);
        }

        return new CopiedProtocol(numbers, position);
    }

    /// <summary>What was copied: the refused cases' numbers in file order, and their error rows.</summary>
    private sealed record CopiedProtocol(IReadOnlyList<int> Numbers, int Errors);

    private static Task WriteNullableAsync(NpgsqlBinaryImporter copy, string? value, CancellationToken ct) =>
        value is null ? copy.WriteNullAsync(ct) : copy.WriteAsync(value, NpgsqlDbType.Text, ct);
}
