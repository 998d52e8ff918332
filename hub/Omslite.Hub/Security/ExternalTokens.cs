using System.Security.Claims;
using System.Text;
using Dapper;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Npgsql;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Security;

/// <summary>
/// D9: tokens issued elsewhere with the original claims <c>{role, user, exp}</c>, signed HS256 with an MO's shared key
/// (access-and-deployment.md §1.3). All three claims are required and <c>exp</c> must lie ahead. A valid token becomes
/// a session of that MO: the <c>user</c> is recorded (without a password) so that the audit log names them, and the
/// original role maps to a hub role (configured; operator when unmapped).
/// </summary>
public static class ExternalTokens
{
    public const string Scheme = "external";

    /// <summary>Routes a bearer token to the hub's own scheme or the external one, by its issuer.</summary>
    public static string SelectScheme(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }

        try
        {
            var token = new JsonWebToken(header["Bearer ".Length..].Trim());
            return token.Issuer == TokenService.Issuer ? JwtBearerDefaults.AuthenticationScheme : Scheme;
        }
        catch (ArgumentException)
        {
            return JwtBearerDefaults.AuthenticationScheme;
        }
    }

    public static void Configure(JwtBearerOptions jwt, OmsliteOptions options)
    {
        var keys = options.Auth.ExternalTokens
            .Where(t => t.Mo is { Length: 6 } && t.Key is { Length: >= 32 })
            .Select(t => (Options: t, Key: new SymmetricSecurityKey(Encoding.UTF8.GetBytes(t.Key!)) { KeyId = t.Mo }))
            .ToList();
        jwt.MapInboundClaims = false;
        jwt.TokenValidationParameters = new TokenValidationParameters
        {
            ValidateIssuer = false,
            ValidateAudience = false,
            RequireExpirationTime = true,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            IssuerSigningKeys = keys.Select(k => k.Key).ToList(),
            ClockSkew = TimeSpan.FromSeconds(30),
            NameClaimType = HubClaims.Login,
            RoleClaimType = HubClaims.Role,
        };
        jwt.Events = new JwtBearerEvents
        {
            OnChallenge = SecurityServices.WriteUnauthorizedAsync,
            OnForbidden = SecurityServices.WriteForbiddenAsync,
            OnTokenValidated = async context =>
            {
                var principal = context.Principal!;
                var user = principal.FindFirst("user")?.Value;
                var role = principal.FindFirst("role")?.Value;
                var signedWith = (context.SecurityToken as JsonWebToken)?.SigningKey as SymmetricSecurityKey;
                var mo = keys.FirstOrDefault(k => ReferenceEquals(k.Key, signedWith) || k.Key.KeyId == signedWith?.KeyId);
                if (string.IsNullOrWhiteSpace(user) || string.IsNullOrWhiteSpace(role) || mo.Options is null)
                {
                    context.Fail("Token payload invalid: role, user and exp are required");
                    return;
                }

                var hubRole = mo.Options.RoleMap.TryGetValue(role, out var mapped) && Roles.All.Contains(mapped) ? mapped : Roles.Operator;
                var database = context.HttpContext.RequestServices.GetRequiredService<NpgsqlDataSource>();
                var identity = await RecordUserAsync(database, user.Trim(), hubRole, mo.Options.Mo!, context.HttpContext.RequestAborted);
                if (identity is null)
                {
                    context.Fail($"MO {mo.Options.Mo} of the external token is not in the working database");
                    return;
                }

                context.Principal = new ClaimsPrincipal(new ClaimsIdentity(
                    [
                        new Claim(HubClaims.UserId, identity.Value.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        new Claim(HubClaims.Login, user.Trim()),
                        new Claim(HubClaims.Role, hubRole),
                        new Claim(HubClaims.MoId, identity.Value.MoId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                        new Claim(HubClaims.MoCode, mo.Options.Mo!),
                    ],
                    Scheme, HubClaims.Login, HubClaims.Role));
            },
        };
    }

    /// <summary>The external user as a hub user of that MO (created on first sight, external, no password).</summary>
    private static async Task<(int UserId, int MoId)?> RecordUserAsync(NpgsqlDataSource database, string login, string role, string moCode, CancellationToken ct)
    {
        await using var conn = await database.OpenConnectionAsync(ct);
        var moId = await conn.ExecuteScalarAsync<int?>(new CommandDefinition("select id from mo where code = @moCode", new { moCode }, cancellationToken: ct));
        if (moId is null)
        {
            return null;
        }

        var userId = await conn.ExecuteScalarAsync<int>(new CommandDefinition(
            """
            with existing as (select id from app_user where lower(login) = lower(@login)),
                 created as (insert into app_user (login, role, external) select @login, @role, true
                             where not exists (select 1 from existing) returning id)
            select id from existing union all select id from created
            """,
            new { login, role }, cancellationToken: ct));
        await conn.ExecuteAsync(new CommandDefinition(
            "insert into user_mo (user_id, mo_id) values (@userId, @moId) on conflict do nothing", new { userId, moId }, cancellationToken: ct));
        return (userId, moId.Value);
    }
}
