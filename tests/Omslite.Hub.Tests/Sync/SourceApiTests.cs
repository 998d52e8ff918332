using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Sync;

public class SourceApiTests
{
    [Fact]
    public async Task A_source_is_stored_encrypted_shown_masked_and_audited_without_the_secret()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.AddMoAsync("250796");
        await hub.AddUserAsync("admin", Roles.Admin, "250796");
        var admin = await hub.LoginAsync("admin");

        var created = await admin.PostAsJsonAsync("/api/sources", new
        {
            name = "clinic-mis", connector = "sql-postgresql", connectionString = "Host=mis.local;Username=reader;Password=TopSecret42;Database=mis",
            schedule = "*/15 * * * *", settings = new Dictionary<string, string> { ["Mapping"] = "sample-clinic" },
        });
        var list = await admin.GetFromJsonAsync<JsonElement>("/api/sources");

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await created.Content.ReadAsStringAsync();
        Assert.DoesNotContain("TopSecret42", body);
        Assert.Contains("***", body);
        Assert.Equal("missing", list[0].GetProperty("plugin").GetProperty("status").GetString());
        await using var conn = hub.OpenConnection();
        var stored = await conn.ExecuteScalarAsync<string>("select connection_protected from mis_source");
        Assert.DoesNotContain("TopSecret42", stored);
        Assert.Equal(0, await conn.ExecuteScalarAsync<int>("select count(*) from audit_log where coalesce(new_value, '') like '%TopSecret42%' or coalesce(old_value, '') like '%TopSecret42%'"));
    }

    [Fact]
    public async Task Only_admins_edit_sources_a_bad_schedule_is_refused_and_another_mo_sees_nothing()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.AddMoAsync("250796");
        await hub.AddMoAsync("250100");
        await hub.AddUserAsync("admin", Roles.Admin, "250796");
        await hub.AddUserAsync("operator", Roles.Operator, "250796");
        await hub.AddUserAsync("other", Roles.Admin, "250100");
        var admin = await hub.LoginAsync("admin");
        var source = new { name = "mis", connector = "sql-postgresql", connectionString = "Host=x;Password=y", schedule = "каждые 15 минут" };

        var badSchedule = await admin.PostAsJsonAsync("/api/sources", source);
        var byOperator = await (await hub.LoginAsync("operator")).PostAsJsonAsync("/api/sources", source with { schedule = "*/15 * * * *" });
        var ok = await admin.PostAsJsonAsync("/api/sources", source with { schedule = "*/15 * * * *" });
        var id = (await ok.JsonAsync()).GetProperty("id").GetInt32();
        var other = await hub.LoginAsync("other");

        Assert.StartsWith("Неверное расписание", (await badSchedule.FieldErrorsAsync())["schedule"].Single());
        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.Equal(0, (await other.GetFromJsonAsync<JsonElement>("/api/sources")).GetArrayLength());
        Assert.Equal(HttpStatusCode.NotFound, (await other.PostAsync($"/api/sources/{id}/sync", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/api/sources/{id}/runs")).StatusCode);
    }

    [Fact]
    public async Task One_source_is_read_alone_so_another_sources_unreadable_secret_does_not_stop_it()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.AddMoAsync("250796");
        await hub.AddUserAsync("admin", Roles.Admin, "250796");
        var admin = await hub.LoginAsync("admin");
        await admin.PostAsJsonAsync("/api/sources", new { name = "broken", connector = "sql-postgresql", connectionString = "Host=a" });
        var id = (await (await admin.PostAsJsonAsync("/api/sources", new { name = "good", connector = "no-such-plugin", connectionString = "Host=b" })).JsonAsync())
            .GetProperty("id").GetInt32();
        await using (var conn = hub.OpenConnection())
        {
            // E.g. restored from a backup without its data-protection keys.
            await conn.ExecuteAsync("update mis_source set connection_protected = 'not-a-protected-payload' where name = 'broken'");
        }

        var started = await admin.PostAsync($"/api/sources/{id}/sync", JsonContent.Create(new { }));
        var runs = await admin.GetAsync($"/api/sources/{id}/runs");

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal(HttpStatusCode.OK, runs.StatusCode);
    }

    [Fact]
    public async Task A_sync_with_a_missing_connector_is_recorded_as_failed_with_a_reason()
    {
        await using var hub = await TestHub.StartAsync();
        await hub.AddMoAsync("250796");
        await hub.AddUserAsync("admin", Roles.Admin, "250796");
        var admin = await hub.LoginAsync("admin");
        var id = (await (await admin.PostAsJsonAsync("/api/sources", new { name = "mis", connector = "no-such-plugin", connectionString = "Host=x" })).JsonAsync())
            .GetProperty("id").GetInt32();

        var started = await admin.PostAsync($"/api/sources/{id}/sync", JsonContent.Create(new { }));
        JsonElement run = default;
        for (var i = 0; i < 50; i++)
        {
            var runs = await admin.GetFromJsonAsync<JsonElement>($"/api/sources/{id}/runs");
            if (runs.GetArrayLength() > 0 && runs[0].GetProperty("run").GetProperty("status").GetString() != "running")
            {
                run = runs[0].GetProperty("run");
                break;
            }

            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        Assert.Equal("failed", run.GetProperty("status").GetString());
        Assert.Contains("«no-such-plugin» не установлен", run.GetProperty("error").GetString());
    }
}
