using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Audit;
using Omslite.Hub.Security;

namespace Omslite.Hub.ReferenceBooks.Api;

public sealed record PmuGroupRef(int Id, string Name);

public sealed record PmuGroupMember(string Code, int? PmuId, int? Ccode, string? Name);

/// <summary>Put a PMU into a group: by the group's number (from the PMU editor).</summary>
public sealed record AddToGroupRequest(int? GroupId);

/// <summary>Put a PMU into a group: by its code or its short number (from the group editor).</summary>
public sealed record AddMemberRequest(string? Code, int? Number);

/// <summary>
/// Which groups a PMU belongs to and which PMU a group holds (ui.md §2.3, the PMU and group editors); adding and
/// removing a link (a true delete, as in the original). Links are (group, PMU code); both sides are the caller's MO's.
/// </summary>
public static class PmuGroupMembership
{
    public static void MapPmuGroupMembership(this RouteGroupBuilder books)
    {
        books.MapGet("/pmu/{id:int}/groups", GroupsOfPmuAsync);
        books.MapPost("/pmu/{id:int}/groups", AddPmuToGroupAsync).RequireAuthorization(Policies.Admin);
        books.MapDelete("/pmu/{id:int}/groups/{groupId:int}", RemovePmuFromGroupAsync).RequireAuthorization(Policies.Admin);
        books.MapGet("/pmu-groups/{id:int}/members", MembersAsync);
        books.MapPost("/pmu-groups/{id:int}/members", AddMemberAsync).RequireAuthorization(Policies.Admin);
        books.MapDelete("/pmu-groups/{id:int}/members/{code}", RemoveMemberAsync).RequireAuthorization(Policies.Admin);
    }

    private static async Task<IResult> GroupsOfPmuAsync(int id, CurrentUser user, NpgsqlDataSource database, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return await PmuCodeAsync(conn, user.Mo, id, ct) is { } code
            ? Results.Ok(await GroupsOfAsync(conn, user.Mo, code, ct))
            : PmuNotFound(id);
    }

    private static async Task<IResult> AddPmuToGroupAsync(
        int id, AddToGroupRequest request, CurrentUser user, NpgsqlDataSource database, CancellationToken ct)
    {
        if (request.GroupId is not { } groupId)
        {
            return ApiError.Invalid("groupId", "Укажите номер группы");
        }

        await using var conn = await database.OpenConnectionAsync(ct);
        if (await PmuCodeAsync(conn, user.Mo, id, ct) is not { } code)
        {
            return PmuNotFound(id);
        }

        return await LinkAsync(conn, user, groupId, code, ct) ?? Results.Ok(await GroupsOfAsync(conn, user.Mo, code, ct));
    }

    private static async Task<IResult> RemovePmuFromGroupAsync(int id, int groupId, CurrentUser user, NpgsqlDataSource database, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return await PmuCodeAsync(conn, user.Mo, id, ct) is { } code
            ? await UnlinkAsync(conn, user, groupId, code, ct)
            : PmuNotFound(id);
    }

    private static async Task<IResult> MembersAsync(int id, CurrentUser user, NpgsqlDataSource database, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return await GroupExistsAsync(conn, null, user.Mo, id, ct)
            ? Results.Ok(await MembersOfAsync(conn, user.Mo, id, ct))
            : GroupNotFound(id);
    }

    private static async Task<IResult> AddMemberAsync(
        int id, AddMemberRequest request, CurrentUser user, NpgsqlDataSource database, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Code) && request.Number is null)
        {
            return ApiError.Invalid("code", "Укажите код или номер услуги");
        }

        await using var conn = await database.OpenConnectionAsync(ct);
        var code = await conn.QueryFirstOrDefaultAsync<string>(new CommandDefinition(
            "select code from pmu where mo_id = @mo and (code = @code or ccode = @number) order by code = @code desc limit 1",
            new { mo = user.Mo, code = request.Code?.Trim(), number = request.Number }, cancellationToken: ct));
        if (code is null)
        {
            return ApiError.Invalid("code", $"Услуга {request.Code?.Trim() ?? request.Number?.ToString()} не найдена в справочнике ПМУ");
        }

        return await LinkAsync(conn, user, id, code, ct) ?? Results.Ok(await MembersOfAsync(conn, user.Mo, id, ct));
    }

    private static async Task<IResult> RemoveMemberAsync(int id, string code, CurrentUser user, NpgsqlDataSource database, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return await UnlinkAsync(conn, user, id, code, ct);
    }

    /// <summary>Adds the link (already there: nothing to do); null when done, else the 404 for a foreign or missing group.</summary>
    private static async Task<IResult?> LinkAsync(NpgsqlConnection conn, CurrentUser user, int groupId, string code, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (!await GroupExistsAsync(conn, tx, user.Mo, groupId, ct))
        {
            return GroupNotFound(groupId);
        }

        var added = await conn.ExecuteAsync(new CommandDefinition(
            "insert into pmu_group_member (group_id, code) values (@groupId, @code) on conflict do nothing",
            new { groupId, code }, tx, cancellationToken: ct));
        if (added > 0)
        {
            await Audit.Audit.WriteAsync(conn, tx, Entry(user, groupId, "add-member", null, code), ct);
        }

        await tx.CommitAsync(ct);
        return null;
    }

    private static async Task<IResult> UnlinkAsync(NpgsqlConnection conn, CurrentUser user, int groupId, string code, CancellationToken ct)
    {
        await using var tx = await conn.BeginTransactionAsync(ct);
        var removed = await conn.ExecuteAsync(new CommandDefinition(
            """
            delete from pmu_group_member m using pmu_group g
            where g.id = m.group_id and g.mo_id = @mo and m.group_id = @groupId and m.code = @code
            """,
            new { mo = user.Mo, groupId, code }, tx, cancellationToken: ct));
        if (removed == 0)
        {
            return ApiError.NotFound($"Услуги {code} нет в группе {groupId}");
        }

        await Audit.Audit.WriteAsync(conn, tx, Entry(user, groupId, "remove-member", code, null), ct);
        await tx.CommitAsync(ct);
        return Results.NoContent();
    }

    private static AuditEntry Entry(CurrentUser user, int groupId, string operation, string? oldCode, string? newCode) =>
        new(user.Login, user.Mo, "pmu_group", groupId.ToString(System.Globalization.CultureInfo.InvariantCulture), operation, "member", oldCode, newCode);

    private static Task<string?> PmuCodeAsync(NpgsqlConnection conn, int mo, int id, CancellationToken ct) =>
        conn.QueryFirstOrDefaultAsync<string?>(new CommandDefinition(
            "select code from pmu where mo_id = @mo and id = @id", new { mo, id }, cancellationToken: ct));

    private static Task<bool> GroupExistsAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int mo, int id, CancellationToken ct) =>
        conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "select exists(select 1 from pmu_group where mo_id = @mo and id = @id)", new { mo, id }, tx, cancellationToken: ct));

    private static async Task<IReadOnlyList<PmuGroupRef>> GroupsOfAsync(NpgsqlConnection conn, int mo, string code, CancellationToken ct) =>
        (await conn.QueryAsync<PmuGroupRef>(new CommandDefinition(
            """
            select g.id, g.name from pmu_group g join pmu_group_member m on m.group_id = g.id
            where g.mo_id = @mo and m.code = @code order by g.id
            """,
            new { mo, code }, cancellationToken: ct))).ToList();

    private static async Task<IReadOnlyList<PmuGroupMember>> MembersOfAsync(NpgsqlConnection conn, int mo, int groupId, CancellationToken ct) =>
        (await conn.QueryAsync<PmuGroupMember>(new CommandDefinition(
            """
            select m.code, p.id as pmuid, p.ccode, p.name
            from pmu_group_member m join pmu_group g on g.id = m.group_id
            left join pmu p on p.mo_id = g.mo_id and p.code = m.code
            where g.mo_id = @mo and g.id = @groupId order by m.code
            """,
            new { mo, groupId }, cancellationToken: ct))).ToList();

    private static IResult PmuNotFound(int id) => ApiError.NotFound($"Услуга {id} не найдена в справочнике ПМУ");

    private static IResult GroupNotFound(int id) => ApiError.NotFound($"Группа ПМУ {id} не найдена");
}
