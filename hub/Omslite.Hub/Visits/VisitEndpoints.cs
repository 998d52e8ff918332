using Omslite.Hub.Api;
using Omslite.Hub.Security;

namespace Omslite.Hub.Visits;

public sealed record StatusChange(string? Status, string? Confirm);

/// <summary>
/// <c>/api/visits</c>: the review list, the overview's counts of a month by stage, the visit editor's read and save,
/// status changes (ui.md §3.4–3.5).
/// </summary>
public static class VisitEndpoints
{
    public static void MapVisits(this RouteGroupBuilder api)
    {
        var visits = api.MapGroup("/visits").RequireMo();
        visits.MapGet("/", ListAsync);
        visits.MapGet("/counts", CountsAsync);
        visits.MapGet("/{id:long}", GetAsync);
        visits.MapGet("/{id:long}/history", HistoryAsync);
        visits.MapPost("/", CreateAsync).RequireAuthorization(Policies.Write);
        visits.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Write);
        visits.MapPost("/{id:long}/status", ChangeStatusAsync).RequireAuthorization(Policies.Write);
    }

    private static async Task<IResult> ListAsync(
        CurrentUser user, PageRequest page, int? year, int? month, string? state, int? docSpec, int? docCode, string? smo,
        string? nprMo, string? source, long? patientId, VisitStore store, CancellationToken ct)
    {
        if (month is not null and not (>= 1 and <= 12))
        {
            return ApiError.Invalid("month", $"Неверный месяц: {month}");
        }

        return Results.Ok(await store.ListAsync(user.Mo, new VisitQuery(year, month, state, docSpec, docCode, smo, nprMo, source, patientId), page, ct));
    }

    private static async Task<IResult> CountsAsync(CurrentUser user, int? year, int? month, VisitCounter counter, CancellationToken ct)
    {
        if (year is not (>= 2010 and <= 2100))
        {
            return ApiError.Invalid("year", "Укажите отчётный год");
        }

        if (month is not (>= 1 and <= 12))
        {
            return ApiError.Invalid("month", month is null ? "Укажите отчётный месяц" : $"Неверный месяц: {month}");
        }

        return Results.Ok(await counter.CountAsync(user.Mo, year.Value, month.Value, ct));
    }

    private static async Task<IResult> GetAsync(long id, CurrentUser user, VisitStore store, CancellationToken ct) =>
        await store.GetAsync(user.Mo, id, ct) is { } visit && (visit.Status != VisitStatus.Deleted || user.Role == Roles.Admin)
            ? Results.Ok(visit)
            : ApiError.NotFound($"Талон \"{id}\" не найден");

    private static async Task<IResult> HistoryAsync(long id, CurrentUser user, VisitStore store, VisitHistory history, CancellationToken ct) =>
        await store.GetAsync(user.Mo, id, ct) is null
            ? ApiError.NotFound($"Талон \"{id}\" не найден")
            : Results.Ok(await history.ListAsync(user.Mo, id, ct));

    private static async Task<IResult> CreateAsync(VisitCreate body, CurrentUser user, VisitStore store, CancellationToken ct) =>
        (await store.CreateAsync(user.Mo, user.Login, body.PatientId, body.Fields, ct))
            .ToHttp(saved => Results.Created($"/api/visits/{saved.Id}", saved));

    private static async Task<IResult> UpdateAsync(long id, VisitSave body, CurrentUser user, VisitStore store, CancellationToken ct) =>
        (await store.UpdateAsync(user.Mo, user.Login, id, body.Version, body.Fields, ct)).ToHttp(Results.Ok);

    private static async Task<IResult> ChangeStatusAsync(long id, StatusChange body, CurrentUser user, VisitStore store, CancellationToken ct)
    {
        int? target = body.Status switch
        {
            "open" => VisitStatus.Open,
            "closed" => VisitStatus.Closed,
            "deleted" => VisitStatus.Deleted,
            _ => null,
        };
        if (target is null)
        {
            return ApiError.Invalid("status", "Состояние талона: open, closed или deleted");
        }

        return (await store.ChangeStatusAsync(user.Mo, user.Login, user.Role == Roles.Admin, id, target.Value, body.Confirm, ct)).ToHttp(Results.Ok);
    }
}
