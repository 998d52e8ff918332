using Dapper;
using Npgsql;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.Hub.Returns;

/// <summary>An FLK batch as the list shows it.</summary>
public sealed record FlkBatch(long Id, string FileName, int ReportYear, int ReportMonth, int Records, int Cases, int Matched, int Errors,
    int Reopened, string ImportedBy, DateTime ImportedAt);

/// <summary>One stored error row, with the ids the UI links to (null for an unknown visit).</summary>
public sealed record FlkErrorRow(long? VisitId, long? PatientId, int VisitNumber, string CardNumber, string Fam, DateOnly? OpenDate,
    DateOnly? CloseDate, string Code, string Description, string? Comment, int? VisitYear);

/// <summary>"Показать последние" (D3): the newest batch, or a chosen one, 50 rows; and its CSV export (D4).</summary>
public sealed class FlkErrors(NpgsqlDataSource database, ProducedFiles files, TimeProvider clock)
{
    public const int PageRows = 50;

    public async Task<IReadOnlyList<FlkBatch>> BatchesAsync(int moId, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<FlkBatch>(new CommandDefinition(
            """
            select id, file_name, report_year::int as report_year, report_month::int as report_month, records, cases, matched, errors, reopened, imported_by, imported_at
            from flk_batch where mo_id = @moId order by id desc limit 200
            """, new { moId }, cancellationToken: ct))).ToList();
    }

    /// <summary>The batch (the newest when <paramref name="batchId"/> is null) and its first rows; null when the
    /// MO has no such batch.</summary>
    public async Task<(FlkBatch Batch, int Total, IReadOnlyList<FlkErrorRow> Rows)?> RowsAsync(int moId, long? batchId, int limit, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var batch = await conn.QuerySingleOrDefaultAsync<FlkBatch>(new CommandDefinition(
            """
            select id, file_name, report_year::int as report_year, report_month::int as report_month, records, cases, matched, errors, reopened, imported_by, imported_at
            from flk_batch where mo_id = @moId and (@batchId::bigint is null or id = @batchId) order by id desc limit 1
            """, new { moId, batchId }, cancellationToken: ct));
        if (batch is null)
        {
            return null;
        }

        var rows = (await conn.QueryAsync<FlkErrorRow>(new CommandDefinition(
            """
            select e.visit_id, e.patient_id, e.visit_number, e.card_number, e.fam, e.open_date, e.close_date, e.code, e.description, e.comment,
                   v.report_year::int as visit_year
            from flk_error e left join visit v on v.id = e.visit_id
            where e.batch_id = @id order by e.id limit @limit
            """, new { batch.Id, limit }, cancellationToken: ct))).ToList();
        return (batch, batch.Errors, rows);
    }

    /// <summary>Writes <c>ERR_&lt;YYYY-MM-DD&gt;_&lt;5 random&gt;.csv</c> of a batch; null when there is no error row.</summary>
    public async Task<(string File, int Rows)?> ExportAsync(int moId, string moCode, long? batchId, string actor, CancellationToken ct)
    {
        var found = await RowsAsync(moId, batchId, int.MaxValue, ct);
        if (found is not { } batch || batch.Rows.Count == 0)
        {
            return null;
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var file = await files.StoreAsync(moId, moCode, "flk-csv", actor, output =>
        {
            Csv.Write(output, ["tal_num", "crd_num", "fam", "open_date", "close_date", "error", "cmt", "comment"],
                batch.Rows.Select(r => (IReadOnlyList<object?>)[r.VisitNumber, r.CardNumber, r.Fam, r.OpenDate, r.CloseDate, r.Code, r.Description, r.Comment]));
            return new RegisterFile($"ERR_{today:yyyy-MM-dd}_{RandomTail(5)}.csv", batch.Rows.Count);
        }, ct);
        return (file.Name, batch.Rows.Count);
    }

    internal static string RandomTail(int length) =>
        System.Security.Cryptography.RandomNumberGenerator.GetString("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", length);
}
