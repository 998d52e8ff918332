using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Security;

public class UserApiTests
{
    [Fact]
    public async Task An_admin_adds_a_user_to_the_mo_changes_the_role_and_cannot_lock_themselves_out()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.AddMoAsync("250796");
        var adminId = await hub.AddUserAsync("admin", Roles.Admin, "250796");
        var admin = await hub.LoginAsync("admin");

        var created = await admin.PostAsJsonAsync("/api/users", new { login = "petrova", role = "viewer", password = "long-enough-1" });
        var id = (await created.JsonAsync()).GetProperty("id").GetInt32();
        var promoted = await admin.PutAsJsonAsync($"/api/users/{id}", new { role = "operator" });
        var selfLock = await admin.PutAsJsonAsync($"/api/users/{adminId}", new { active = false });
        var shortPassword = await admin.PostAsJsonAsync("/api/users", new { login = "x-user", role = "viewer", password = "short" });
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/users");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("operator", (await promoted.JsonAsync()).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, selfLock.StatusCode);
        Assert.Contains("не короче 8", (await shortPassword.FieldErrorsAsync())["password"].Single());
        Assert.Equal(["admin", "petrova"], list.EnumerateArray().Select(u => u.GetProperty("login").GetString()!).ToArray());
        var petrova = await hub.LoginAsync("petrova", "long-enough-1");
        Assert.Equal("operator", (await petrova.GetFromJsonAsync<JsonElement>("/api/auth/me")).GetProperty("role").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await petrova.GetAsync("/api/users")).StatusCode);
    }

    [Fact]
    public async Task An_admin_of_another_mo_cannot_see_or_change_the_users()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.AddMoAsync("250796");
        await hub.AddMoAsync("250100");
        var id = await hub.AddUserAsync("ivanova", Roles.Operator, "250796");
        await hub.AddUserAsync("other", Roles.Admin, "250100");
        var other = await hub.LoginAsync("other");

        var list = await other.GetFromJsonAsync<JsonElement>("/api/users");
        var change = await other.PutAsJsonAsync($"/api/users/{id}", new { active = false });

        Assert.DoesNotContain(list.EnumerateArray(), u => u.GetProperty("login").GetString() == "ivanova");
        Assert.Equal(HttpStatusCode.NotFound, change.StatusCode);
        await hub.LoginAsync("ivanova");
    }
}
