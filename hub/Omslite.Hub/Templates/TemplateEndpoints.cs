using Omslite.Hub.Api;
using Omslite.Hub.Security;

namespace Omslite.Hub.Templates;

/// <summary>
/// <c>/api/templates</c> and <c>POST /api/visits/{id}/apply-template</c>. Operators and admins edit templates; only
/// admins delete them (the spec leaves deletion open: a soft delete, audited).
/// </summary>
public static class TemplateEndpoints
{
    public static void MapTemplates(this RouteGroupBuilder api)
    {
        var templates = api.MapGroup("/templates").RequireMo();
        templates.MapGet("/", async (CurrentUser user, PageRequest page, TemplateStore store, CancellationToken ct) =>
            Results.Ok(await store.ListAsync(user.Mo, page, ct)));
        templates.MapGet("/{id:int}", async (int id, CurrentUser user, TemplateStore store, CancellationToken ct) =>
            await store.GetAsync(user.Mo, id, ct) is { } t ? Results.Ok(t) : ApiError.NotFound($"Нет шаблона №{id}"));
        templates.MapPost("/", async (TemplateFields body, CurrentUser user, TemplateStore store, CancellationToken ct) =>
            (await store.SaveAsync(user.Mo, user.Login, null, body, ct)).ToHttp(t => Results.Created($"/api/templates/{t.Id}", t)))
            .RequireAuthorization(Policies.Write);
        templates.MapPut("/{id:int}", async (int id, TemplateFields body, CurrentUser user, TemplateStore store, CancellationToken ct) =>
            (await store.SaveAsync(user.Mo, user.Login, id, body, ct)).ToHttp(Results.Ok))
            .RequireAuthorization(Policies.Write);
        templates.MapDelete("/{id:int}", async (int id, CurrentUser user, TemplateStore store, CancellationToken ct) =>
            await store.DeleteAsync(user.Mo, user.Login, id, ct) ? Results.NoContent() : ApiError.NotFound($"Нет шаблона №{id}"))
            .RequireAuthorization(Policies.Admin);

        api.MapPost("/visits/{visitId:long}/apply-template",
                async (long visitId, ApplyTemplate body, CurrentUser user, TemplateStore store, CancellationToken ct) =>
                    (await store.ApplyAsync(user.Mo, user.Login, visitId, body, ct)).ToHttp(Results.Ok))
            .RequireMo()
            .RequireAuthorization(Policies.Write);
    }
}
