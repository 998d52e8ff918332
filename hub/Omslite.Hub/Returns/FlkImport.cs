using System.Text.Json;
using Dapper;
using Npgsql;
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
/// stored as "Талон не найден" and listed. All in one transaction: a bad file changes nothing.
/// </summary>
public sealed class FlkImport(NpgsqlDataSource database, PluginCatalog plugins)
{
    public const string NotFound = "Талон не найден";
    public const string NoDescription = "Нет описания";

    private sealed record VisitRow(long Id, int Number, int Status, DateOnly OpenDate, DateOnly CloseDate, long PatientId, string CardNumber, string? Fam);

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

        ErrorProtocol protocol;
        using (HubActivity.Phase("flk.read"))
        await using (var content = open())
        {
            protocol = reader.ReadErrorProtocol(content, fileName, mo.Mo, ct);
        }

        var matching = HubActivity.Phase("flk.match");
        var numbers = protocol.Cases.Select(c => c.IdCase).Distinct().ToArray();
        var codes = protocol.Cases.SelectMany(c => c.Errors).Select(e => e.Code).Distinct().ToArray();
        var visits = (await conn.QueryAsync<VisitRow>(new CommandDefinition(
                """
                select v.id, v.number, v.status::int as status, v.open_date, v.close_date, p.id as patient_id, p.card_number, p.fam
                from visit v join patient p on p.id = v.patient_id
                where v.mo_id = @moId and v.number = any(@numbers) and v.status > 0
                """, new { moId, numbers }, cancellationToken: ct)))
            .ToDictionary(v => v.Number);
        var descriptions = (await conn.QueryAsync<(string Code, string Name)>(new CommandDefinition(
                """
                select distinct on (code) code, name from nsi_entry
                where book = 'TFOMS_ERR' and code = any(@codes) order by code, date_beg
                """, new { codes }, cancellationToken: ct)))
            .ToDictionary(d => d.Code, d => d.Name);

        var rows = protocol.Cases
            .SelectMany(c => c.Errors.Select(e => (Case: c, Error: e, Visit: visits.GetValueOrDefault(c.IdCase))))
            .ToList();
        var unknown = protocol.Cases.Where(c => !visits.ContainsKey(c.IdCase)).Select(c => c.IdCase).Distinct().ToList();

        matching?.Dispose();

        var storing = HubActivity.Phase("flk.store");
        await using var tx = await conn.BeginTransactionAsync(ct);
        var header = JsonSerializer.Serialize(protocol.Header);
        var batch = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            insert into flk_batch (mo_id, file_name, report_year, report_month, header, records, cases, matched, errors, reopened, imported_by)
            values (@moId, @fileName, @year, @month, @header::jsonb, @read, @cases, @matched, @errors, 0, @actor)
            returning id
            """,
            new
            {
                moId, fileName, year = name.Year, month = name.Month, header, read = protocol.Records, cases = protocol.Cases.Count,
                matched = protocol.Cases.Count(c => visits.ContainsKey(c.IdCase)), errors = rows.Count, actor,
            }, tx, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            """
            insert into flk_error (batch_id, visit_id, patient_id, visit_number, open_date, close_date, card_number, fam, code, description, comment, element)
            select @batch, * from unnest(@visitIds, @patientIds, @numbers, @opens, @closes, @cards, @fams, @codes, @descriptions, @comments, @elements)
            """,
            new
            {
                batch,
                visitIds = rows.Select(r => r.Visit?.Id).ToArray(),
                patientIds = rows.Select(r => r.Visit?.PatientId).ToArray(),
                numbers = rows.Select(r => r.Case.IdCase).ToArray(),
                opens = rows.Select(r => r.Visit?.OpenDate).ToArray(),
                closes = rows.Select(r => r.Visit?.CloseDate).ToArray(),
                cards = rows.Select(r => r.Visit?.CardNumber ?? "").ToArray(),
                fams = rows.Select(r => r.Visit is null ? NotFound : r.Visit.Fam ?? "").ToArray(),
                codes = rows.Select(r => r.Error.Code).ToArray(),
                descriptions = rows.Select(r => descriptions.GetValueOrDefault(r.Error.Code, NoDescription)).ToArray(),
                comments = rows.Select(r => r.Error.Comment).ToArray(),
                elements = rows.Select(r => r.Error.Element).ToArray(),
            }, tx, cancellationToken: ct));

        storing?.Dispose();

        using var reopening = HubActivity.Phase("flk.reopen");
        // D3: the matched visits go back to open, so the next pack ("Не отправлять принятые") takes them again.
        var reopened = (await conn.QueryAsync<long>(new CommandDefinition(
            """
            update visit set status = 1, version = version + 1, updated_at = now()
            where mo_id = @moId and id = any(@ids) and status = 2
            returning id
            """, new { moId, ids = visits.Values.Select(v => v.Id).ToArray() }, tx, cancellationToken: ct))).ToList();
        await conn.ExecuteAsync(new CommandDefinition(
            "update flk_batch set reopened = @count where id = @batch", new { count = reopened.Count, batch }, tx, cancellationToken: ct));
        await Audit.Audit.WriteAsync(conn, tx,
            [
                .. reopened.Select(id => new AuditEntry(actor, moId, "visit", id.ToString(), "flk-reopen", "status", "2", "1")),
                new AuditEntry(actor, moId, "flk_batch", batch.ToString(), "import", null, null, fileName),
            ], ct);
        await tx.CommitAsync(ct);
        var matched = protocol.Cases.Count(c => visits.ContainsKey(c.IdCase));
        return new FlkImportResult(fileName, batch, protocol.Records, protocol.Cases.Count, matched, protocol.Cases.Count - matched,
            rows.Count, reopened.Count, unknown);
    }
}
