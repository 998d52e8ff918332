using System.Diagnostics;
using Omslite.Hub.Api;
using Omslite.Hub.Security;
using Omslite.Hub.Sync;
using Omslite.Sdk.Connectors;

namespace Omslite.Hub.Registry;

/// <summary>The body of <c>POST /api/packs/check</c>.</summary>
public sealed record PackCheckBody(string? Month);

/// <summary>The body of <c>POST /api/packs</c>: the "Сформировать" form (ui.md §4.2.2); <c>sign</c>: "Подписать ЭЦП".</summary>
public sealed record PackBuildBody(string? Month, int? Number, bool MarkSent, bool FreshOnly, bool CheckOnly, string? Confirm, int? Limit, bool Sign = false);

/// <summary>
/// <c>/api/packs</c>: check a month ("Проверить", all roles), build a pack ("Сформировать", admin and operator, confirmed
/// by typing one's login), the pack history and the download of a pack's zip — only of the caller's MO.
/// Task answers use the envelope of workflows.md §1.1.
/// </summary>
public static class PackEndpoints
{
    public static void MapPacks(this RouteGroupBuilder api)
    {
        var packs = api.MapGroup("/packs").RequireMo();
        packs.MapPost("/check", CheckAsync);
        packs.MapPost("/", BuildAsync).RequireAuthorization(Policies.Write);
        packs.MapGet("/", ListAsync);
        packs.MapGet("/{id:long}", GetAsync);
        packs.MapGet("/{id:long}/download", DownloadAsync);
    }

    private static Task<IResult> CheckAsync(PackCheckBody? body, CurrentUser user, PackService service, CancellationToken ct) =>
        RunAsync(body?.Month, new PackFlags(1, false, false, true, 0, false), user, service, ct);

    private static Task<IResult> BuildAsync(PackBuildBody? body, CurrentUser user, PackService service, CancellationToken ct)
    {
        if (body is { CheckOnly: false } && body.Confirm?.Trim() != user.Login)
        {
            return Task.FromResult(TaskEnvelope.Failed(
                "Формирование пакета не подтверждено: введите свой логин в поле подтверждения", Stopwatch.GetTimestamp()));
        }

        return RunAsync(body?.Month, new PackFlags(body?.Number ?? 1, body?.MarkSent ?? false, body?.FreshOnly ?? false, body?.CheckOnly ?? false,
            body?.Limit ?? 0, body?.Sign ?? false), user, service, ct);
    }

    private sealed record PackFlags(int Number, bool MarkSent, bool FreshOnly, bool CheckOnly, int Limit, bool Sign);

    private static async Task<IResult> RunAsync(string? month, PackFlags flags, CurrentUser user, PackService service, CancellationToken ct)
    {
        var started = Stopwatch.GetTimestamp();
        ReportPeriod period;
        try
        {
            period = ReportMonth.Parse(month ?? "");
        }
        catch (FormatException ex)
        {
            return TaskEnvelope.Failed(ex.Message, started);
        }

        try
        {
            var outcome = await service.RunAsync(user.Mo, user.Login,
                new PackOptions(period, flags.Number, flags.MarkSent, flags.FreshOnly, flags.CheckOnly, flags.Limit, flags.Sign), ct);
            var envelope = new TaskEnvelope(outcome.File ?? "", TaskEnvelope.WithTime(outcome.Message, started), outcome.Excluded == 0, Summary(outcome));
            return Results.Ok(envelope);
        }
        catch (PackException ex) when (ex.Problems.Count > 0)
        {
            // A signing failure (D2.5): no file, nothing marked, and the visits' problems of the same run.
            var result = new { excluded = ex.Problems.Select(p => p.VisitId).Distinct().Count(), problems = ex.Problems };
            return Results.Json(new TaskEnvelope("", TaskEnvelope.WithTime(ex.Message, started), false, result), statusCode: ex.Status);
        }
        catch (PackException ex)
        {
            return TaskEnvelope.Failed(ex.Message, started, ex.Status);
        }
    }

    /// <summary>The result part of the envelope (the stored path stays on the server).</summary>
    private static object Summary(PackOutcome o) => new
    {
        packId = o.PackId, month = o.Month, number = o.Number, checkOnly = o.CheckOnly, file = o.File, signed = o.Signed, records = o.Records,
        persons = o.Persons, excluded = o.Excluded, markedSent = o.MarkedSent, problems = o.Problems,
    };

    private static async Task<IResult> ListAsync(CurrentUser user, PageRequest page, PackStore store, CancellationToken ct) =>
        Results.Ok(await store.ListAsync(user.Mo, page, ct));

    private static async Task<IResult> GetAsync(long id, CurrentUser user, PackStore store, CancellationToken ct) =>
        await store.GetAsync(user.Mo, id, ct) is { } details
            ? Results.Ok(new { pack = details.Pack, problems = details.Problems })
            : ApiError.NotFound($"Пакет {id} не найден");

    private static async Task<IResult> DownloadAsync(long id, CurrentUser user, PackStore store, CancellationToken ct) =>
        await store.FileAsync(user.Mo, id, ct) is { } file
            ? Results.File(file.Path, "application/zip", file.Name)
            : ApiError.NotFound($"Файл пакета {id} не найден");
}
