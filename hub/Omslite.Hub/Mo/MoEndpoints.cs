using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.ReferenceBooks.Api.Editing;
using Omslite.Hub.Security;

namespace Omslite.Hub.Mo;

/// <summary>
/// <c>/api/mo</c>: the caller's MO (code, short code, name, region, OKATO, region format, LPU_1, PLAT, settings);
/// admins change it (audited). Note: <c>Omslite:Mo:*</c> settings, when given, override the record at each start.
/// </summary>
public static class MoEndpoints
{
    private const string NotFound = "МО не найдена";

    public static void MapMo(this RouteGroupBuilder api)
    {
        var mo = api.MapGroup("/mo").RequireMo();
        mo.MapGet("/", GetAsync);
        mo.MapPut("/", UpdateAsync).RequireAuthorization(Policies.Admin);
    }

    private static async Task<IResult> GetAsync(CurrentUser user, NpgsqlDataSource database, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var json = await conn.QuerySingleOrDefaultAsync<string>(new CommandDefinition(MoProfile.SelectJson, new { mo = user.Mo }, cancellationToken: ct));
        if (json is null)
        {
            return ApiError.NotFound(NotFound);
        }

        using var document = JsonDocument.Parse(json);
        return Results.Ok(document.RootElement.Clone());
    }

    private static async Task<IResult> UpdateAsync(CurrentUser user, NpgsqlDataSource database, HttpRequest request, CancellationToken ct)
    {
        var scope = new EditScope(user.Login, user.Mo, new DynamicParameters(), NotFound);
        var outcome = await RecordEditor.UpdateAsync(database, MoProfile.Editing, scope, user.Mo, await JsonBody.ReadAsync(request, ct), ct);
        return outcome.Problem ?? await GetAsync(user, database, ct);
    }

}
