using System.Diagnostics;
using Microsoft.AspNetCore.StaticFiles;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Security;
using Omslite.Sdk.Registry;
using Omslite.Sdk.Registry.Returns;

namespace Omslite.Hub.Returns;

/// <summary>
/// What comes back from TFOMS, through the API (docs/api.md "Returns"): FLK protocol import, the newest batch and
/// its CSV; invoice import with MEK marking and the payer's register; the preliminary calculations; the MEK list,
/// CSV and transfer; downloads of the files produced for the caller's MO. Task endpoints answer the task envelope.
/// </summary>
public static class ReturnsEndpoints
{
    public static IServiceCollection AddReturns(this IServiceCollection services) =>
        services.AddSingleton<ProducedFiles>().AddSingleton<FlkImport>().AddSingleton<FlkErrors>().AddSingleton<InvoiceImport>()
            .AddSingleton<MekVisits>().AddSingleton<Calculations>();

    public static void MapReturns(this RouteGroupBuilder api)
    {
        api.MapPost("/flk/import", FlkImportAsync).RequireMo().RequireAuthorization(Policies.Write).DisableAntiforgery();
        api.MapGet("/flk/batches", async (CurrentUser user, FlkErrors errors, CancellationToken ct) =>
            Results.Ok(new { items = await errors.BatchesAsync(user.Mo, ct) })).RequireMo();
        api.MapGet("/flk/errors", FlkRowsAsync).RequireMo();
        api.MapGet("/flk/export", FlkExportAsync).RequireMo();
        api.MapPost("/invoices/import", InvoiceImportAsync).RequireMo().RequireAuthorization(Policies.Write).DisableAntiforgery();
        api.MapGet("/invoices", InvoicesAsync).RequireMo();
        api.MapPost("/calculations/{kind}", CalculateAsync).RequireMo().DisableAntiforgery();
        api.MapGet("/mek", MekListAsync).RequireMo();
        api.MapGet("/mek/export", (HttpRequest request, CurrentUser user, MekVisits mek, ILoggerFactory loggers, CancellationToken ct) =>
            RunTask(request, user, loggers, (fields, started) => mek.ExportAsync(user.Mo, user.MoCode!, fields.Month(), user.Login, ct), ct)).RequireMo();
        api.MapPost("/mek/transfer", (HttpRequest request, CurrentUser user, MekVisits mek, ILoggerFactory loggers, CancellationToken ct) =>
                RunTask(request, user, loggers, (fields, started) => mek.TransferAsync(user.Mo, fields.Month(), fields.Month("target"), user.Login, ct), ct))
            .RequireMo().RequireAuthorization(Policies.Write).DisableAntiforgery();
        api.MapGet("/files/{name}", DownloadAsync).RequireMo();
    }

    private static Task<IResult> FlkImportAsync(HttpRequest request, CurrentUser user, FlkImport import, ProducedFiles files, ILoggerFactory loggers,
        CancellationToken ct) =>
        RunTask(request, user, loggers, async (fields, started) =>
        {
            if (fields.Text("ptype") is { } ptype && ptype is not ("1" or "2"))
            {
                throw new FormatException($"Неверный тип протокола: {ptype} (1 — Амбулаторный, 2 — Онкология)");
            }

            var result = await WithUploadAsync(fields, files, (name, open) => import.ImportAsync(user.Mo, name, open, user.Login, ct), ct);
            return new TaskOutcome(true, result.Message, result.File, result);
        }, ct);

    private static async Task<IResult> FlkRowsAsync(long? batch, CurrentUser user, FlkErrors errors, CancellationToken ct)
    {
        var found = await errors.RowsAsync(user.Mo, batch, FlkErrors.PageRows, ct);
        return found is { } f
            ? Results.Ok(new { batch = f.Batch, total = f.Total, items = f.Rows })
            : batch is null
                ? Results.Ok(new { batch = (FlkBatch?)null, total = 0, items = Array.Empty<FlkErrorRow>(), message = "Нет принятых ошибок" })
                : ApiError.NotFound("Пакет ошибок не найден");
    }

    private static Task<IResult> FlkExportAsync(HttpRequest request, CurrentUser user, FlkErrors errors, ILoggerFactory loggers, CancellationToken ct) =>
        RunTask(request, user, loggers, async (fields, started) =>
            await errors.ExportAsync(user.Mo, user.MoCode!, fields.Long("batch"), user.Login, ct) is { } export
                ? new TaskOutcome(true, "Последние ошибки", export.File, new { file = export.File, rows = export.Rows })
                : new TaskOutcome(false, "Нет принятых ошибок"), ct);

    private static Task<IResult> InvoiceImportAsync(HttpRequest request, CurrentUser user, InvoiceImport import, ProducedFiles files, ILoggerFactory loggers,
        CancellationToken ct) =>
        RunTask(request, user, loggers, async (fields, started) =>
        {
            var options = new InvoiceOptions(fields.Flag("cmek", true), fields.Flag("csmo", false), Register(fields));
            var result = await WithUploadAsync(fields, files, (name, open) => import.ImportAsync(user.Mo, name, open, options, user.Login, ct), ct);
            return new TaskOutcome(true, result.Message, result.RegisterFile, result);
        }, ct);

    /// <summary>"Тип счета": <c>register</c> = amb | foms | pmu (the layout of amb and foms follows the archive's
    /// name anyway), or the original's <c>pack</c> numbers 1, 2, 5 (payer) and 6 (PMU tariffs).</summary>
    private static InvoiceRegister Register(TaskFields fields) => (fields.Text("register") ?? fields.Text("pack"))?.ToLowerInvariant() switch
    {
        null or "amb" or "foms" or "auto" or "1" or "2" or "5" => InvoiceRegister.Payer,
        "pmu" or "tarifs" or "6" => InvoiceRegister.Tariffs,
        _ => throw new FormatException("Тип счета не поддерживается"),
    };

    private static async Task<IResult> InvoicesAsync(CurrentUser user, NpgsqlDataSource database, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var items = await Dapper.SqlMapper.QueryAsync(conn, new Dapper.CommandDefinition(
            """
            select i.id, i.file_name as "fileName", i.payer, i.report_year as "reportYear", i.report_month as "reportMonth", i.register,
                   i.mark_mek as "markMek", i.fix_smo as "fixSmo", i.records, i.mek_rows as "mekRows", i.mek_marked as "mekMarked",
                   i.smo_fixed as "smoFixed", i.not_found as "notFound", f.name as "registerFile", i.register_rows as "registerRows",
                   i.imported_by as "importedBy", i.imported_at as "importedAt"
            from invoice_import i left join produced_file f on f.id = i.register_file
            where i.mo_id = @mo order by i.id desc limit 200
            """, new { mo = user.Mo }, cancellationToken: ct));
        return Results.Ok(new { items });
    }

    private static Task<IResult> CalculateAsync(string kind, HttpRequest request, CurrentUser user, Calculations calculations, ILoggerFactory loggers,
        CancellationToken ct) =>
        RunTask(request, user, loggers, (fields, started) => kind switch
        {
            "own" => calculations.OwnCalculationAsync(user.Mo, fields.Month(), fields.Text("smo") ?? "0", user.Login, ct),
            "referrals" => fields.Flag("sent", false) && !user.CanWrite
                ? throw new UnauthorizedAccessException()
                : calculations.ReferralRegistersAsync(user.Mo, fields.Month(), fields.Flag("fresh", false), fields.Flag("sent", false), user.Login, ct),
            "by-month" => calculations.MonthSummaryAsync(user.Mo, fields.Month(), user.Login, ct),
            "by-service" => calculations.ServiceSummaryAsync(user.Mo, ServiceQuery(fields), user.Login, ct),
            _ => throw new FormatException($"Неизвестный расчет «{kind}»: own, referrals, by-month, by-service"),
        }, ct);

    /// <summary>Month mode by default; a period when both dates are given; a year with <c>onyear</c>.</summary>
    private static ServiceSummaryQuery ServiceQuery(TaskFields fields)
    {
        var (from, to) = (fields.Date("date_beg") ?? fields.Date("dateBeg"), fields.Date("date_end") ?? fields.Date("dateEnd"));
        var mo = fields.Text("talons_mo") ?? fields.Text("talonsMo");
        mo = mo is null or "0" ? null : mo.PadLeft(3, '0');
        var closed = fields.Flag("closed", false);
        if (fields.Flag("onyear", false))
        {
            return new ServiceSummaryQuery(SummaryMode.Year, fields.Month(), null, null, mo, closed);
        }

        if (from is not null && to is not null)
        {
            return from <= to
                ? new ServiceSummaryQuery(SummaryMode.Period, new(from.Value.Year, from.Value.Month), from, to, mo, closed)
                : throw new FormatException($"Период задан наоборот: {from:yyyy-MM-dd} позже {to:yyyy-MM-dd}");
        }

        return new ServiceSummaryQuery(SummaryMode.Month, fields.Month(), null, null, mo, closed);
    }

    private static async Task<IResult> MekListAsync(string? month, CurrentUser user, MekVisits mek, CancellationToken ct)
    {
        Sdk.Connectors.ReportPeriod period;
        try
        {
            period = Sync.ReportMonth.Parse(month ?? throw new FormatException("Укажите месяц (month, ГГГГ-ММ)"));
        }
        catch (FormatException ex)
        {
            return ApiError.Invalid("month", ex.Message);
        }

        var (total, items) = await mek.ListAsync(user.Mo, period, MekVisits.ListRows, ct);
        return Results.Ok(new { month = period.ToString(), total, items });
    }

    private static async Task<IResult> DownloadAsync(string name, CurrentUser user, ProducedFiles files, CancellationToken ct)
    {
        var path = await files.FindAsync(user.Mo, user.MoCode!, name, ct);
        if (path is null)
        {
            return ApiError.NotFound("Файл не найден");
        }

        new FileExtensionContentTypeProvider().TryGetContentType(name, out var type);
        return Results.File(path, type ?? "application/octet-stream", name);
    }

    /// <summary>Runs a task: parses the fields, answers the envelope; a refused input is 400 with its Russian message.</summary>
    private static async Task<IResult> RunTask(HttpRequest request, CurrentUser user, ILoggerFactory loggers, Func<TaskFields, long, Task<TaskOutcome>> task,
        CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            var fields = await TaskFields.ReadAsync(request, ct);
            var outcome = await task(fields, started);
            return outcome.Done
                ? TaskEnvelope.Ok(outcome.Message, started, outcome.Result, outcome.File)
                : Results.Ok(new TaskEnvelope(outcome.File, TaskEnvelope.WithTime(outcome.Message, started), false, outcome.Result));
        }
        catch (UnauthorizedAccessException)
        {
            return ApiError.Forbidden();
        }
        catch (Exception ex) when (ex is RegionFormatException or FormatException or ArgumentException or InvalidOperationException or InvalidDataException)
        {
            loggers.CreateLogger(typeof(ReturnsEndpoints)).LogWarning("Task {Path} by {User} refused: {Reason}", request.Path, user.Login, ex.Message);
            return TaskEnvelope.Failed(ex.Message, started);
        }
    }

    /// <summary>The upload in a private temp file while the task reads it; the client's name is only a label.</summary>
    private static async Task<T> WithUploadAsync<T>(TaskFields fields, ProducedFiles files, Func<string, Func<Stream>, Task<T>> run, CancellationToken ct)
    {
        var file = fields.File is { Length: > 0 } f ? f : throw new FormatException("Выберите файл для загрузки");
        var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
        var temp = files.TempPath();
        try
        {
            await using (var target = File.Create(temp))
            {
                await file.CopyToAsync(target, ct);
            }

            return await run(name, () => File.OpenRead(temp));
        }
        finally
        {
            File.Delete(temp);
        }
    }
}
