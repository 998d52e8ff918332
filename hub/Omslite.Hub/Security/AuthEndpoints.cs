using Omslite.Hub.Api;

namespace Omslite.Hub.Security;

public sealed record LoginRequest(string? Login, string? Password, string? Mo);

public sealed record SwitchMoRequest(string? Mo);

public sealed record SessionResponse(string Token, DateTimeOffset ExpiresAt, SessionUser User);

public sealed record SessionUser(string Login, string Role, MoRef? Mo, IReadOnlyList<MoRef> Mos);

/// <summary><c>/api/auth</c>: login (anonymous, rate-limited), refresh, switch MO, who am I.</summary>
public static class AuthEndpoints
{
    public const string LoginRateLimit = "login";

    public static void MapAuth(this RouteGroupBuilder api)
    {
        var auth = api.MapGroup("/auth");
        auth.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(LoginRateLimit);
        auth.MapPost("/refresh", RefreshAsync).RequireAuthorization(Policies.Read);
        auth.MapPost("/switch-mo", SwitchMoAsync).RequireAuthorization(Policies.Read);
        auth.MapGet("/me", MeAsync).RequireAuthorization(Policies.Read);
    }

    private static async Task<IResult> LoginAsync(
        LoginRequest request, UserAccounts users, TokenService tokens, ILoggerFactory loggers, HttpContext http, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request.Login) || string.IsNullOrEmpty(request.Password))
        {
            return ApiError.Invalid("login", "Введите логин и пароль");
        }

        var user = await users.VerifyAsync(request.Login.Trim(), request.Password, ct);
        var log = loggers.CreateLogger(typeof(AuthEndpoints));
        if (user is null)
        {
            log.LogWarning("Failed login for {Login} from {Address}", request.Login.Trim(), http.Connection.RemoteIpAddress);
            return ApiError.Unauthorized("Неверный логин или пароль");
        }

        var mo = PickMo(user, request.Mo);
        if (request.Mo is not null && mo is null)
        {
            return ApiError.Forbidden();
        }

        log.LogInformation("User {Login} signed in", user.Login);
        return Results.Ok(Session(tokens, user, mo));
    }

    private static async Task<IResult> RefreshAsync(CurrentUser current, UserAccounts users, TokenService tokens, CancellationToken ct)
    {
        var user = await users.FindAsync(current.UserId, ct);
        if (user is null)
        {
            return ApiError.Unauthorized();
        }

        return Results.Ok(Session(tokens, user, user.Mos.FirstOrDefault(m => m.Id == current.MoId) ?? user.Mos.FirstOrDefault()));
    }

    private static async Task<IResult> SwitchMoAsync(
        SwitchMoRequest request, CurrentUser current, UserAccounts users, TokenService tokens, CancellationToken ct)
    {
        var user = await users.FindAsync(current.UserId, ct);
        if (user is null)
        {
            return ApiError.Unauthorized();
        }

        var mo = PickMo(user, request.Mo);
        return mo is null ? ApiError.Forbidden() : Results.Ok(Session(tokens, user, mo));
    }

    private static async Task<IResult> MeAsync(CurrentUser current, UserAccounts users, CancellationToken ct)
    {
        var user = await users.FindAsync(current.UserId, ct);
        return user is null
            ? ApiError.Unauthorized()
            : Results.Ok(new SessionUser(user.Login, user.Role, user.Mos.FirstOrDefault(m => m.Id == current.MoId), user.Mos));
    }

    private static MoRef? PickMo(AuthenticatedUser user, string? requested) =>
        requested is null ? user.Mos.FirstOrDefault() : user.Mos.FirstOrDefault(m => m.Code == requested.Trim());

    private static SessionResponse Session(TokenService tokens, AuthenticatedUser user, MoRef? mo)
    {
        var issued = tokens.Issue(user, mo);
        return new SessionResponse(issued.Token, issued.ExpiresAt, new SessionUser(user.Login, user.Role, mo, user.Mos));
    }
}
