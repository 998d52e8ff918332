using Dapper;
using Npgsql;
using Omslite.Hub.Api;
using Omslite.Hub.Audit;

namespace Omslite.Hub.Security;

public sealed record UserCreate(string? Login, string? Role, string? Password);

public sealed record UserChange(string? Role, bool? Active, string? Password);

/// <summary>
/// <c>/api/users</c> (admins): the users of the admin's MO — add one, change a role, switch off, set a new password.
/// An admin cannot switch off or demote themselves, so an MO never loses its last way in by accident.
/// </summary>
public static class UserEndpoints
{
    public static void MapUsers(this RouteGroupBuilder api)
    {
        var users = api.MapGroup("/users").RequireMo().RequireAuthorization(Policies.Admin);
        users.MapGet("/", ListAsync);
        users.MapPost("/", CreateAsync);
        users.MapPut("/{id:int}", ChangeAsync);
    }

    private static async Task<IResult> ListAsync(CurrentUser user, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        return Results.Ok(await conn.QueryAsync<UserRow>(new CommandDefinition(
            """
            select u.id, u.login, u.role, u.active, u.external from app_user u
            join user_mo um on um.user_id = u.id and um.mo_id = @Mo
            order by u.login
            """,
            new { user.Mo }, cancellationToken: ct)));
    }

    private static async Task<IResult> CreateAsync(UserCreate body, CurrentUser user, UserAccounts accounts, NpgsqlDataSource db, CancellationToken ct)
    {
        try
        {
            var id = await accounts.AddAsync(user.Login, body.Login ?? "", body.Role ?? "", body.Password ?? "", [user.MoCode!], ct);
            await using var conn = await db.OpenConnectionAsync(ct);
            return Results.Created($"/api/users/{id}", await conn.QuerySingleAsync<UserRow>(new CommandDefinition(
                "select id, login, role, active, external from app_user where id = @id", new { id }, cancellationToken: ct)));
        }
        catch (ArgumentException ex)
        {
            return ApiError.Invalid(ex.Message.StartsWith("Пароль", StringComparison.Ordinal) ? "password" : ex.Message.StartsWith("Роль", StringComparison.Ordinal) ? "role" : "login", ex.Message);
        }
        catch (InvalidOperationException ex)
        {
            return ApiError.Invalid("login", ex.Message);
        }
    }

    private static async Task<IResult> ChangeAsync(int id, UserChange body, CurrentUser user, NpgsqlDataSource db, CancellationToken ct)
    {
        if (id == user.UserId && (body.Active == false || (body.Role is not null && body.Role != Roles.Admin)))
        {
            return ApiError.Invalid("role", "Нельзя отключить себя или снять с себя роль администратора");
        }

        if (body.Role is not null && !Roles.All.Contains(body.Role))
        {
            return ApiError.Invalid("role", $"Роль должна быть одной из: {string.Join(", ", Roles.All)}");
        }

        if (body.Password is not null && PasswordPolicy.Problem(body.Password) is { } problem)
        {
            return ApiError.Invalid("password", problem);
        }

        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var current = await conn.QuerySingleOrDefaultAsync<UserRow>(new CommandDefinition(
            """
            select u.id, u.login, u.role, u.active, u.external from app_user u
            join user_mo um on um.user_id = u.id and um.mo_id = @Mo where u.id = @id for update of u
            """,
            new { id, user.Mo }, tx, cancellationToken: ct));
        if (current is null)
        {
            return ApiError.NotFound($"Пользователь {id} не найден");
        }

        var hash = body.Password is null ? null : new Microsoft.AspNetCore.Identity.PasswordHasher<string>().HashPassword(current.Login, body.Password);
        await conn.ExecuteAsync(new CommandDefinition(
            """
            update app_user set role = coalesce(@Role, role), active = coalesce(@Active, active),
                password_hash = coalesce(@hash, password_hash), updated_at = now()
            where id = @id
            """,
            new { id, body.Role, body.Active, hash }, tx, cancellationToken: ct));
        var changed = current with { Role = body.Role ?? current.Role, Active = body.Active ?? current.Active };
        var audit = ChangeSet.Diff(current, changed, user.Login, user.Mo, "user", id.ToString(), "update").ToList();
        if (hash is not null)
        {
            audit.Add(new AuditEntry(user.Login, user.Mo, "user", id.ToString(), "update", "password", "***", "***"));
        }

        await Audit.Audit.WriteAsync(conn, tx, audit, ct);
        await tx.CommitAsync(ct);
        return Results.Ok(changed);
    }

    public sealed record UserRow(int Id, string Login, string Role, bool Active, bool External);
}
