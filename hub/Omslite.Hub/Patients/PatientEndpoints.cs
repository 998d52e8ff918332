using Omslite.Hub.Api;
using Omslite.Hub.Security;

namespace Omslite.Hub.Patients;

/// <summary><c>/api/patients</c>: card search, read, create, update (ui.md §3.2–3.3).</summary>
public static class PatientEndpoints
{
    public static void MapPatients(this RouteGroupBuilder api)
    {
        var patients = api.MapGroup("/patients").RequireMo();
        patients.MapGet("/", ListAsync);
        patients.MapGet("/{id:long}", GetAsync);
        patients.MapPost("/", CreateAsync).RequireAuthorization(Policies.Write);
        patients.MapPut("/{id:long}", UpdateAsync).RequireAuthorization(Policies.Write);
    }

    private static async Task<IResult> ListAsync(
        CurrentUser user, PageRequest page, string? card, string? fam, string? im, PatientStore store, CancellationToken ct) =>
        Results.Ok(await store.ListAsync(user.Mo, new PatientQuery(card, fam, im), page, ct));

    private static async Task<IResult> GetAsync(long id, CurrentUser user, PatientStore store, CancellationToken ct) =>
        await store.GetAsync(user.Mo, id, ct) is { } patient ? Results.Ok(patient) : ApiError.NotFound($"Карта {id} не найдена");

    private static async Task<IResult> CreateAsync(PatientFields body, CurrentUser user, PatientStore store, CancellationToken ct) =>
        (await store.CreateAsync(user.Mo, user.Login, body, ct))
            .ToHttp(saved => Results.Created($"/api/patients/{saved.Id}", saved));

    private static async Task<IResult> UpdateAsync(long id, PatientSave body, CurrentUser user, PatientStore store, CancellationToken ct) =>
        (await store.UpdateAsync(user.Mo, user.Login, id, body.Version, body.Fields, ct)).ToHttp(Results.Ok);
}
