using System.Globalization;
using System.Security.Claims;

namespace Omslite.Hub.Security;

/// <summary>The claims the hub's tokens carry.</summary>
public static class HubClaims
{
    public const string UserId = "sub";
    public const string Login = "name";
    public const string Role = "role";
    public const string MoId = "mo";
    public const string MoCode = "mo_code";
}

/// <summary>The signed-in user of a request and the MO every query of the request is scoped to.</summary>
public sealed record CurrentUser(int UserId, string Login, string Role, int? MoId, string? MoCode = null)
{
    public bool CanWrite => Role is Roles.Admin or Roles.Operator;

    /// <summary>The MO of the request; endpoints of MO data are unreachable without one (see MoScopeFilter).</summary>
    public int Mo => MoId ?? throw new InvalidOperationException("the request has no MO scope");

    public static CurrentUser From(ClaimsPrincipal principal) =>
        new(
            int.Parse(principal.FindFirstValue(HubClaims.UserId) ?? "0", CultureInfo.InvariantCulture),
            principal.FindFirstValue(HubClaims.Login) ?? "",
            principal.FindFirstValue(HubClaims.Role) ?? "",
            int.TryParse(principal.FindFirstValue(HubClaims.MoId), CultureInfo.InvariantCulture, out var mo) ? mo : null,
            principal.FindFirstValue(HubClaims.MoCode));

    public static ValueTask<CurrentUser?> BindAsync(HttpContext context) =>
        ValueTask.FromResult<CurrentUser?>(From(context.User));
}
