using System.Globalization;
using Dapper;
using Npgsql;
using Omslite.Hub.Audit;
using Omslite.Sdk.Connectors;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.Hub.Returns;

/// <summary>A MEK visit of the list.</summary>
public sealed record MekVisit(long VisitId, int Number, long PatientId, string CardNumber, string? Fam, DateOnly OpenDate, DateOnly CloseDate,
    int? UslOk, string? Ds1);

/// <summary>A done MEK transfer: its id, the visits moved, the months.</summary>
public sealed record MekTransferResult(long Transfer, int Moved, string From, string To);

/// <summary>The outcome of a task that may end softly ("no records"): done, the message, the file produced.</summary>
public sealed record TaskOutcome(bool Done, string Message, string File = "", object? Result = null);

/// <summary>
/// MEK visits of a month (workflows.md §5): MEK 1, status 1, report month M. The list (count and the first 50), the
/// CSV export (D4) and the transfer forward (D7: report month and year change, December → January of the next
/// year, forward only, into this year; one transaction, audited).
/// </summary>
public sealed class MekVisits(NpgsqlDataSource database, ProducedFiles files, TimeProvider clock)
{
    public const int ListRows = 50;

    private const string Where = "v.mo_id = @moId and v.report_year = @year and v.report_month = @month and v.mek and v.status = 1";

    public async Task<(int Total, IReadOnlyList<MekVisit> Items)> ListAsync(int moId, ReportPeriod month, int limit, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var args = new { moId, year = month.Year, month = month.Month, limit };
        var total = await conn.ExecuteScalarAsync<int>(new CommandDefinition($"select count(*) from visit v where {Where}", args, cancellationToken: ct));
        var items = await conn.QueryAsync<MekVisit>(new CommandDefinition(
            $"""
            select v.id as visit_id, v.number, p.id as patient_id, p.card_number, p.fam, v.open_date, v.close_date, v.usl_ok::int as usl_ok, v.ds1
            from visit v join patient p on p.id = v.patient_id
            where {Where} order by v.number limit @limit
            """, args, cancellationToken: ct));
        return (total, items.ToList());
    }

    /// <summary>"Выгрузить в CSV": <c>MEK_&lt;today&gt;_&lt;4 random&gt;.csv</c> with the columns of the original.</summary>
    public async Task<TaskOutcome> ExportAsync(int moId, string moCode, ReportPeriod month, string actor, CancellationToken ct)
    {
        var (_, items) = await ListAsync(moId, month, int.MaxValue, ct);
        if (items.Count == 0)
        {
            return new TaskOutcome(false, NoRecords(month));
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var file = await files.StoreAsync(moId, moCode, "mek-csv", actor, output =>
        {
            Csv.Write(output, ["tal_num", "crd_num", "fam", "open_date", "close_date", "usl_ok", "ds1"],
                items.Select(v => (IReadOnlyList<object?>)[v.Number, v.CardNumber, v.Fam, v.OpenDate, v.CloseDate, v.UslOk, v.Ds1]));
            return new RegisterFile($"MEK_{today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}_{FlkErrors.RandomTail(4)}.csv", items.Count);
        }, ct);
        return new TaskOutcome(true, $"МЭК за месяц {MonthName(month)}, записей в файле {items.Count}", file.Name, new { file = file.Name, rows = items.Count });
    }

    /// <summary>
    /// Moves the month's MEK visits forward (D7). The date rules of the original answer a refusal (an
    /// <see cref="ArgumentException"/>, HTTP 400); a month without MEK visits is a soft failure.
    /// </summary>
    public async Task<TaskOutcome> TransferAsync(int moId, ReportPeriod from, ReportPeriod to, string actor, CancellationToken ct)
    {
        var thisYear = clock.GetLocalNow().Year;
        var years = thisYear - from.Year;
        var refusal = to.Year != thisYear ? "Переносить МЭК можно только на текущий год"
            : years > 1 ? "Переносить МЭК можно только на один год вперед"
            : years == 1 && !(from.Month == 12 && to.Month == 1) ? "Переносить МЭК на год вперед можно только с декабря на январь"
            : years == 0 && to.Month <= from.Month ? "Переносить МЭК можно только вперед по месяцам"
            : years < 0 ? "Переносить МЭК можно только вперед по годам"
            : null;
        if (refusal is not null)
        {
            throw new ArgumentException(refusal);
        }

        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var moved = (await conn.QueryAsync<long>(new CommandDefinition(
            $"""
            update visit v set report_year = @toYear, report_month = @toMonth, version = version + 1, updated_at = now()
            where {Where}
            returning v.id
            """, new { moId, year = from.Year, month = from.Month, toYear = to.Year, toMonth = to.Month }, tx, cancellationToken: ct))).Order().ToList();
        if (moved.Count == 0)
        {
            return new TaskOutcome(false, NoRecords(from));
        }

        var id = await conn.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            insert into mek_transfer (mo_id, from_year, from_month, to_year, to_month, visit_ids, transferred_by)
            values (@moId, @fromYear, @fromMonth, @toYear, @toMonth, @moved, @actor) returning id
            """, new { moId, fromYear = from.Year, fromMonth = from.Month, toYear = to.Year, toMonth = to.Month, moved = moved.ToArray(), actor },
            tx, cancellationToken: ct));
        var audit = moved.SelectMany(v => new[]
        {
            new AuditEntry(actor, moId, "visit", v.ToString(CultureInfo.InvariantCulture), "mek-transfer", "reportMonth",
                from.Month.ToString(CultureInfo.InvariantCulture), to.Month.ToString(CultureInfo.InvariantCulture)),
            new AuditEntry(actor, moId, "visit", v.ToString(CultureInfo.InvariantCulture), "mek-transfer", "reportYear",
                from.Year.ToString(CultureInfo.InvariantCulture), to.Year.ToString(CultureInfo.InvariantCulture)),
        }).Where(a => a.OldValue != a.NewValue).ToList();
        await Audit.Audit.WriteAsync(conn, tx, audit, ct);
        await tx.CommitAsync(ct);
        return new TaskOutcome(true,
            $"Перенесли МЭКи на {Months[to.Month - 1]} {from.Year} {to.Year}: записей {moved.Count}.", "",
            new MekTransferResult(id, moved.Count, from.ToString(), to.ToString()));
    }

    private static readonly string[] Months =
        ["Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август", "Сентябрь", "Октябрь", "Ноябрь", "Декабрь"];

    public static string MonthName(ReportPeriod period) => $"{Months[period.Month - 1]} {period.Year}";

    private static string NoRecords(ReportPeriod month) => $"Нет записей с МЭК за месяц {MonthName(month)}";
}
