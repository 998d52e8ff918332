using Dapper;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using Omslite.Hub.Audit;

namespace Omslite.Hub.Security;

/// <summary>A user as listed to admins (never with the hash).</summary>
public sealed record UserInfo(int Id, string Login, string Role, bool Active, IReadOnlyList<string> Mos);

/// <summary>A user who proved the password, with the MOs they may work in.</summary>
public sealed record AuthenticatedUser(int Id, string Login, string Role, IReadOnlyList<MoRef> Mos);

public sealed record MoRef(int Id, string Code, string Name);

/// <summary>Local users: salted, slow password hashes (ASP.NET Core Identity's PBKDF2 hasher) and MO membership.</summary>
public sealed class UserAccounts(NpgsqlDataSource database)
{
    private static readonly PasswordHasher<string> Hasher = new();

    /// <param name="actor">Who adds the user, for the audit log: a login, 'cli' or 'system'.</param>
    public async Task<int> AddAsync(string actor, string login, string role, string password, IReadOnlyList<string> moCodes, CancellationToken ct)
    {
        login = ValidLogin(login);
        ValidRole(role);
        if (PasswordPolicy.Problem(password) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        await using var conn = await database.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        if (await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "select exists(select 1 from app_user where lower(login) = lower(@login))", new { login }, tx, cancellationToken: ct)))
        {
            throw new InvalidOperationException($"Пользователь {login} уже есть");
        }

        var moIds = await ResolveMosAsync(conn, tx, moCodes, ct);
        var id = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            "insert into app_user (login, password_hash, role) values (@login, @hash, @role) returning id",
            new { login, hash = Hasher.HashPassword(login, password), role }, tx, cancellationToken: ct));
        foreach (var mo in moIds)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "insert into user_mo (user_id, mo_id) values (@id, @mo)", new { id, mo }, tx, cancellationToken: ct));
        }

        await Audit.Audit.WriteAsync(conn, tx, new AuditEntry(actor, null, "user", id.ToString(), "create", "role", null, role), ct);
        await tx.CommitAsync(ct);
        return id;
    }

    public async Task SetPasswordAsync(string login, string password, CancellationToken ct)
    {
        if (PasswordPolicy.Problem(password) is { } problem)
        {
            throw new ArgumentException(problem);
        }

        await using var conn = await database.OpenConnectionAsync(ct);
        var changed = await conn.ExecuteAsync(new CommandDefinition(
            "update app_user set password_hash = @hash, updated_at = now() where lower(login) = lower(@login)",
            new { login, hash = Hasher.HashPassword(login, password) }, cancellationToken: ct));
        if (changed == 0)
        {
            throw new InvalidOperationException($"Пользователь {login} не найден");
        }
    }

    public async Task<IReadOnlyList<UserInfo>> ListAsync(CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var rows = await conn.QueryAsync<(int Id, string Login, string Role, bool Active, string? Mos)>(new CommandDefinition(
            """
            select u.id, u.login, u.role, u.active, string_agg(m.code, ',' order by m.code) as mos
            from app_user u
            left join user_mo um on um.user_id = u.id
            left join mo m on m.id = um.mo_id
            group by u.id order by u.login
            """,
            cancellationToken: ct));
        return rows.Select(r => new UserInfo(r.Id, r.Login, r.Role, r.Active, r.Mos?.Split(',') ?? [])).ToList();
    }

    /// <summary>The user when the password is right and the account is active; otherwise null (no hint why).</summary>
    public async Task<AuthenticatedUser?> VerifyAsync(string login, string password, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var user = await conn.QuerySingleOrDefaultAsync<(int Id, string Login, string Role, string? Hash, bool Active)>(new CommandDefinition(
            "select id, login, role, password_hash as hash, active from app_user where lower(login) = lower(@login)",
            new { login }, cancellationToken: ct));
        if (user.Id == 0 || user.Hash is null || !user.Active)
        {
            // Same work as a real check, so that timing does not tell which logins exist.
            Hasher.VerifyHashedPassword(login, DummyHash, password);
            return null;
        }

        var result = Hasher.VerifyHashedPassword(user.Login, user.Hash, password);
        if (result == PasswordVerificationResult.Failed)
        {
            return null;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "update app_user set password_hash = @hash where id = @id",
                new { id = user.Id, hash = Hasher.HashPassword(user.Login, password) }, cancellationToken: ct));
        }

        return new AuthenticatedUser(user.Id, user.Login, user.Role, await MosOfAsync(conn, user.Id, ct));
    }

    /// <summary>Whether a token's user still exists, is active and still has that role and MO.</summary>
    public async Task<bool> IsStillValidAsync(int userId, string role, int? moId, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<bool>(new CommandDefinition(
            """
            select exists(
                select 1 from app_user u
                where u.id = @userId and u.active and u.role = @role
                  and (@moId::int is null or exists(select 1 from user_mo um where um.user_id = u.id and um.mo_id = @moId)))
            """,
            new { userId, role, moId }, cancellationToken: ct));
    }

    public async Task<AuthenticatedUser?> FindAsync(int userId, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var user = await conn.QuerySingleOrDefaultAsync<(int Id, string Login, string Role, bool Active)>(new CommandDefinition(
            "select id, login, role, active from app_user where id = @userId", new { userId }, cancellationToken: ct));
        return user.Id == 0 || !user.Active ? null : new AuthenticatedUser(user.Id, user.Login, user.Role, await MosOfAsync(conn, user.Id, ct));
    }

    private static async Task<IReadOnlyList<MoRef>> MosOfAsync(NpgsqlConnection conn, int userId, CancellationToken ct) =>
        (await conn.QueryAsync<MoRef>(new CommandDefinition(
            "select m.id, m.code, m.name from user_mo um join mo m on m.id = um.mo_id where um.user_id = @userId order by m.code",
            new { userId }, cancellationToken: ct))).ToList();

    private static async Task<IReadOnlyList<int>> ResolveMosAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, IReadOnlyList<string> moCodes, CancellationToken ct)
    {
        var all = (await conn.QueryAsync<(int Id, string Code)>(new CommandDefinition(
            "select id, code from mo order by code", transaction: tx, cancellationToken: ct))).ToList();
        if (moCodes.Count == 0)
        {
            // One MO: the obvious choice. Several: the admin must say which, so nobody is let into an MO by accident.
            return all.Count <= 1
                ? all.Select(m => m.Id).ToList()
                : throw new ArgumentException($"Укажите МО пользователя: --mo {string.Join(" / --mo ", all.Select(m => m.Code))}");
        }

        return moCodes.Select(code => all.FirstOrDefault(m => m.Code == code) is { Id: > 0 } mo
                ? mo.Id
                : throw new ArgumentException($"МО {code} не найдена"))
            .ToList();
    }

    private static string ValidLogin(string login)
    {
        login = login.Trim();
        if (login.Length is < 2 or > 64 || login.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            throw new ArgumentException("Логин: от 2 до 64 символов без пробелов");
        }

        return login;
    }

    private static void ValidRole(string role)
    {
        if (!Roles.All.Contains(role))
        {
            throw new ArgumentException($"Роль должна быть одной из: {string.Join(", ", Roles.All)}");
        }
    }

    private static readonly string DummyHash = Hasher.HashPassword("-", Guid.NewGuid().ToString());
}
