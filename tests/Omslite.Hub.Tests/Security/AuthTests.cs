using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Dapper;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Security;

public class AuthTests
{
    [Fact]
    public async Task Login_returns_a_token_that_opens_the_api_in_the_users_mo()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.AddMoAsync("250796", "Центр КТ");
        await hub.AddUserAsync("ivanova", Roles.Operator, "250796");

        var response = await hub.Anonymous.PostAsJsonAsync("/api/auth/login", new { login = "ivanova", password = TestHub.Password });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(session.GetProperty("expiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddHours(7));
        var client = hub.WithToken(session.GetProperty("token").GetString()!);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/auth/me");
        Assert.Equal("ivanova", me.GetProperty("login").GetString());
        Assert.Equal("operator", me.GetProperty("role").GetString());
        Assert.Equal("250796", me.GetProperty("mo").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("ivanova", "wrong-password")]
    [InlineData("nobody-here", TestHub.Password)]
    public async Task A_wrong_password_or_unknown_login_gets_the_same_401(string login, string password)
    {
        await using var hub = await TestHub.StartAsync();
        await hub.AddUserAsync("ivanova", Roles.Operator);

        var response = await hub.Anonymous.PostAsJsonAsync("/api/auth/login", new { login, password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Неверный логин или пароль", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task The_api_needs_a_token_but_health_does_not()
    {
        await using var hub = await TestHub.StartAsync();

        var me = await hub.Anonymous.GetAsync("/api/auth/me");
        var health = await hub.Anonymous.GetAsync("/health");

        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);
        Assert.Equal("Требуется вход в систему", (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        await using var hub = await TestHub.StartAsync();
        var userId = await hub.AddUserAsync("ivanova", Roles.Admin);
        var forged = Token(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(new string('k', 64))), userId, DateTime.UtcNow.AddHours(1));

        var response = await hub.WithToken(forged).GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused_saying_so()
    {
        await using var hub = await TestHub.StartAsync();
        var userId = await hub.AddUserAsync("ivanova", Roles.Admin);
        var key = new SymmetricSecurityKey(Convert.FromBase64String(
            (await File.ReadAllTextAsync(Path.Combine(hub.DataDir, "keys", "jwt-signing.key"))).Trim()));
        var valid = Token(key, userId, DateTime.UtcNow.AddHours(1));
        var expired = Token(key, userId, DateTime.UtcNow.AddMinutes(-5));

        var ok = await hub.WithToken(valid).GetAsync("/api/auth/me");
        var response = await hub.WithToken(expired).GetAsync("/api/auth/me");

        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Срок действия токена истек", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_deactivated_users_token_stops_working_at_once()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.AddUserAsync("ivanova", Roles.Operator);
        var client = await hub.LoginAsync("ivanova");
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/auth/me")).StatusCode);

        await using (var conn = hub.OpenConnection())
        {
            await conn.ExecuteAsync("update app_user set active = false where login = 'ivanova'");
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/auth/me")).StatusCode);
    }

    [Fact]
    public async Task Login_attempts_are_rate_limited()
    {
        await using var hub = await TestHub.StartAsync(new Dictionary<string, string?> { ["Omslite:Auth:LoginAttemptsPerMinute"] = "3" });
        await hub.AddUserAsync("ivanova", Roles.Operator);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            statuses.Add((await hub.Anonymous.PostAsJsonAsync("/api/auth/login", new { login = "ivanova", password = "guess-" + i })).StatusCode);
        }

        var blocked = await hub.Anonymous.PostAsJsonAsync("/api/auth/login", new { login = "ivanova", password = TestHub.Password });
        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.Contains("Слишком много попыток", (await blocked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("message").GetString());
    }

    [Fact]
    public async Task Refresh_gives_a_new_token_and_switching_to_a_foreign_mo_is_forbidden()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.AddMoAsync("250796");
        await hub.AddMoAsync("250100");
        await hub.AddUserAsync("ivanova", Roles.Operator, "250796");
        var client = await hub.LoginAsync("ivanova");

        var refreshed = await client.PostAsync("/api/auth/refresh", null);
        var foreign = await client.PostAsJsonAsync("/api/auth/switch-mo", new { mo = "250100" });

        Assert.Equal(HttpStatusCode.OK, refreshed.StatusCode);
        Assert.False(string.IsNullOrEmpty((await refreshed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    private static string Token(SecurityKey key, int userId, DateTime expires) =>
        new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = TokenService.Issuer,
            Audience = TokenService.Issuer,
            IssuedAt = expires.AddHours(-2),
            NotBefore = expires.AddHours(-2),
            Expires = expires,
            Claims = new Dictionary<string, object> { ["sub"] = userId.ToString(), ["name"] = "ivanova", ["role"] = "admin" },
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
}
