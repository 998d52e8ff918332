using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Security;

/// <summary>D9: tokens of the original website, {role, user, exp} signed with the MO's shared key.</summary>
public class ExternalTokenTests
{
    private const string SharedKey = "the-original-sites-secret-for-mo-250796";

    private static Task<TestHub> HubAsync() => TestHub.StartAsync(new Dictionary<string, string?>
    {
        ["Omslite:Auth:ExternalTokens:0:Mo"] = "250796",
        ["Omslite:Auth:ExternalTokens:0:Key"] = SharedKey,
        ["Omslite:Auth:ExternalTokens:0:RoleMap:webuser"] = "viewer",
    });

    [Theory]
    [InlineData("dbuser", "operator")]
    [InlineData("webuser", "viewer")]
    public async Task A_token_of_the_original_site_opens_its_mo_with_the_mapped_role(string originalRole, string hubRole)
    {
        await using var hub = await HubAsync();
        await hub.AddMoAsync("250796");

        var client = hub.WithToken(Token(SharedKey, new() { ["role"] = originalRole, ["user"] = "ivanova" }, DateTime.UtcNow.AddHours(1)));
        var me = await client.GetAsync("/api/auth/me");
        var write = await client.PostAsJsonAsync("/api/patients", new { });

        Assert.Equal(HttpStatusCode.OK, me.StatusCode);
        var body = await me.JsonAsync();
        Assert.Equal(("ivanova", hubRole, "250796"), (body.GetProperty("login").GetString(), body.GetProperty("role").GetString(), body.GetProperty("mo").GetProperty("code").GetString()));
        Assert.Equal(hubRole == "viewer" ? HttpStatusCode.Forbidden : HttpStatusCode.BadRequest, write.StatusCode);
        await using var conn = hub.OpenConnection();
        Assert.True(await conn.ExecuteScalarAsync<bool>("select external and password_hash is null from app_user where login = 'ivanova'"));
    }

    [Fact]
    public async Task A_token_without_user_signed_with_another_key_or_expired_is_refused()
    {
        await using var hub = await HubAsync();
        await hub.AddMoAsync("250796");

        var noUser = await hub.WithToken(Token(SharedKey, new() { ["role"] = "dbuser" }, DateTime.UtcNow.AddHours(1))).GetAsync("/api/auth/me");
        var otherKey = await hub.WithToken(Token(new string('x', 40), new() { ["role"] = "dbuser", ["user"] = "a" }, DateTime.UtcNow.AddHours(1))).GetAsync("/api/auth/me");
        var expired = await hub.WithToken(Token(SharedKey, new() { ["role"] = "dbuser", ["user"] = "a" }, DateTime.UtcNow.AddMinutes(-5))).GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, noUser.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherKey.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);
        Assert.Equal("Срок действия токена истек", (await expired.JsonAsync()).GetProperty("message").GetString());
    }

    private static string Token(string key, Dictionary<string, object> claims, DateTime expires) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Expires = expires,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(key)), SecurityAlgorithms.HmacSha256),
        });
}
