using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Omslite.Hub.Hosting;

namespace Omslite.Hub.Security;

/// <summary>An issued token and when it expires.</summary>
public sealed record IssuedToken(string Token, DateTimeOffset ExpiresAt);

/// <summary>
/// Issues the hub's JWT bearer tokens. Lifetime: a working day (<c>Omslite:Auth:TokenHours</c>, default 10); the UI
/// refreshes it while in use (POST /api/auth/refresh), so an active user is never thrown out mid-task.
/// </summary>
public sealed class TokenService(SymmetricSecurityKey key, OmsliteOptions options, TimeProvider clock)
{
    public const string Issuer = "omslite";

    public IssuedToken Issue(AuthenticatedUser user, MoRef? mo)
    {
        var now = clock.GetUtcNow();
        var expires = now.AddHours(options.Auth.TokenHours);
        var claims = new Dictionary<string, object>
        {
            [HubClaims.UserId] = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [HubClaims.Login] = user.Login,
            [HubClaims.Role] = user.Role,
        };
        if (mo is not null)
        {
            claims[HubClaims.MoId] = mo.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
            claims[HubClaims.MoCode] = mo.Code;
        }

        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Issuer,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
        return new IssuedToken(token, expires);
    }

    public static TokenValidationParameters ValidationParameters(SecurityKey key) => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Issuer,
        IssuerSigningKey = key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        ClockSkew = TimeSpan.FromSeconds(30),
        NameClaimType = HubClaims.Login,
        RoleClaimType = HubClaims.Role,
    };
}
