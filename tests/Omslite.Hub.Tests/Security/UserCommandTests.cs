using System.Text.Json;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Security;

public class UserCommandTests
{
    [Fact]
    public async Task An_admin_is_added_listed_and_given_a_new_password_from_stdin()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.AddMoAsync("250796");
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Working"] = hub.ConnectionString };

        var add = await HubProcess.RunVerbWithInputAsync(environment, "first-password\n", "user", "add", "--login", "admin", "--role", "admin", "--password-stdin", "--json");
        var list = await HubProcess.RunVerbAsync(environment, "user", "list", "--json");
        var passwd = await HubProcess.RunVerbWithInputAsync(environment, "second-password\n", "user", "passwd", "--login", "admin", "--password-stdin");

        Assert.Equal(0, add.ExitCode);
        Assert.Equal("admin", JsonDocument.Parse(add.Stdout).RootElement.GetProperty("role").GetString());
        var users = JsonDocument.Parse(list.Stdout).RootElement.GetProperty("users");
        Assert.Equal("250796", users[0].GetProperty("mos")[0].GetString());
        Assert.Equal(0, passwd.ExitCode);
        await hub.LoginAsync("admin", "second-password");
        await Assert.ThrowsAsync<HttpRequestException>(() => hub.LoginAsync("admin", "first-password"));
    }

    [Theory]
    [InlineData("short\n", "admin", "не короче 8")]
    [InlineData("long-enough-1\n", "superuser", "Роль должна быть")]
    public async Task A_bad_password_or_role_is_refused_and_nothing_is_added(string stdin, string role, string message)
    {
        await using var hub = await TestHub.StartAsync();
        var environment = new Dictionary<string, string?> { ["ConnectionStrings__Working"] = hub.ConnectionString };

        var add = await HubProcess.RunVerbWithInputAsync(environment, stdin, "user", "add", "--login", "x-user", "--role", role, "--password-stdin");
        var list = await HubProcess.RunVerbAsync(environment, "user", "list", "--json");

        Assert.Equal(1, add.ExitCode);
        Assert.Contains(message, add.Stderr);
        Assert.Equal(0, JsonDocument.Parse(list.Stdout).RootElement.GetProperty("users").GetArrayLength());
    }
}
