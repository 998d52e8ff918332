using Omslite.Hub.Api;
using Omslite.Hub.Security;

namespace Omslite.Hub.Visits;

public sealed record QuantityChange(int Delta);

/// <summary><c>/api/visits/{id}/services</c>: the PMU rows of a visit.</summary>
public static class VisitServiceEndpoints
{
    public static void MapVisitServices(this RouteGroupBuilder api)
    {
        var services = api.MapGroup("/visits/{visitId:long}/services").RequireMo();
        services.MapGet("/", ListAsync);
        services.MapPost("/", AddAsync).RequireAuthorization(Policies.Write);
        services.MapPost("/{serviceId:long}/quantity", ChangeQuantityAsync).RequireAuthorization(Policies.Write);
    }

    private static async Task<IResult> ListAsync(long visitId, CurrentUser user, VisitServiceStore store, CancellationToken ct) =>
        await store.ListAsync(user.Mo, visitId, ct) is { } rows ? Results.Ok(rows) : ApiError.NotFound($"Талон \"{visitId}\" не найден");

    private static async Task<IResult> AddAsync(long visitId, AddServices body, CurrentUser user, VisitServiceStore store, CancellationToken ct) =>
        (await store.AddAsync(user.Mo, user.Login, visitId, body, ct)).ToHttp(Results.Ok);

    private static async Task<IResult> ChangeQuantityAsync(
        long visitId, long serviceId, QuantityChange body, CurrentUser user, VisitServiceStore store, CancellationToken ct) =>
        body.Delta is 1 or -1
            ? (await store.ChangeQuantityAsync(user.Mo, user.Login, visitId, serviceId, body.Delta, ct)).ToHttp(Results.Ok)
            : ApiError.Invalid("delta", "Количество меняется на +1 или −1");
}
