using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Npgsql;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.Tests.Registry;

namespace Omslite.Hub.Tests.Deployment;

/// <summary>
/// Two hub processes on one PostgreSQL, sharing the plugins folder and the data directory (keys, packs) as
/// docs/scaling.md says: they start together, a scheduled sync runs once per schedule slot, and a pack of one MO and
/// month is built by one hub at a time.
/// </summary>
public class ScalingTests : IAsyncLifetime
{
    private readonly string _dataDir = TempDir.Create("shared-data");
    private string _pluginsDir = null!;
    private string _database = null!;
    private HubProcess _first = null!;
    private HubProcess _second = null!;

    public async Task InitializeAsync()
    {
        _pluginsDir = PackHubFixture.PublishPlugin();
        _database = await TestPostgres.CreateDatabaseAsync();
        var environment = new Dictionary<string, string?>
        {
            ["ConnectionStrings__Working"] = _database,
            ["Omslite__DataDir"] = _dataDir,
            ["Omslite__PluginsDir"] = _pluginsDir,
            ["Omslite__Mo__Code"] = "250796",
            ["Omslite__Mo__Name"] = "Центр КТ",
            ["Omslite__Mo__Okato"] = "05000",
            // A source due every minute. Its connector is not installed, so each run fails at once — but it is
            // still a run that claims its slot, which is what is counted.
            ["Omslite__Sources__0__Name"] = "clinic-mis",
            ["Omslite__Sources__0__Connector"] = "absent-connector",
            ["Omslite__Sources__0__ConnectionString"] = "Host=127.0.0.1;Port=1;Database=mis",
            ["Omslite__Sources__0__Schedule"] = "* * * * *",
        };

        // Started together: the migrations run once under their advisory lock.
        var hubs = await Task.WhenAll(HubProcess.StartAsync(environment), HubProcess.StartAsync(environment));
        (_first, _second) = (hubs[0], hubs[1]);
    }

    [Fact]
    public async Task Two_hubs_run_a_scheduled_sync_once_per_slot_and_never_build_the_same_pack_twice()
    {
        await using var conn = new NpgsqlConnection(_database);
        var moId = await conn.ExecuteScalarAsync<int>("select id from mo where code = '250796'");
        var otherMoId = await conn.ExecuteScalarAsync<int>(
            "insert into mo (code, short_code, name, region, okato) values ('250555', '555', 'Другой центр', '25', '05000') returning id");
        await PackHubFixture.SeedRegionBooksAsync(_database, moId, otherMoId);
        await new UserAccounts(NpgsqlDataSource.Create(_database)).AddAsync("test", "admin", Roles.Admin, TestHub.Password, ["250796"], default);
        var patient = await PackHubFixture.AddPatientAsync(_database, moId, "scale-1");
        for (var i = 0; i < 1000; i++)
        {
            await PackHubFixture.AddVisitAsync(_database, moId, patient, 2026, 3);
        }

        // (b) The same MO and month on both hubs at the same moment: one builds, the other is told it is running.
        var clients = await Task.WhenAll(LoginAsync(_first), LoginAsync(_second));
        var body = new { month = "2026-03", number = 1, markSent = true, confirm = "admin" };
        var answers = await Task.WhenAll(clients.Select(c => c.PostAsJsonAsync("/api/packs", body)));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Conflict], answers.Select(a => a.StatusCode).Order());
        var refused = answers.Single(a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.StartsWith("Формирование пакета за 2026-03 уже выполняется", (await refused.JsonAsync()).GetProperty("message").GetString());
        var packs = await conn.QueryAsync<(int Number, int MarkedSent)>(
            "select number, marked_sent from pack where mo_id = @moId and report_year = 2026 and report_month = 3 and not check_only", new { moId });
        Assert.Equal([(1, 1000)], packs);

        // (a) Wait for a schedule slot that both hubs saw, and for both to have tried it.
        var slots = await WaitForScheduledRunsAsync(conn);

        Assert.All(slots, s => Assert.Equal(1, s.Runs));
        var logs = _first.Output + _second.Output;
        Assert.Equal(slots.Count, CountOf(logs, "Sync of clinic-mis: failed"));
        Assert.True(
            CountOf(logs, "already ran on another hub") + CountOf(logs, "уже выполняется") >= slots.Count,
            $"the other hub must have tried each slot too:\n{logs}");
    }

    private async Task<List<(DateTime Slot, int Runs)>> WaitForScheduledRunsAsync(NpgsqlConnection conn)
    {
        var deadline = DateTime.UtcNow.AddSeconds(150);
        while (DateTime.UtcNow < deadline)
        {
            var slots = (await conn.QueryAsync<(DateTime Slot, int Runs)>(
                "select scheduled_for, count(*)::int from sync_run where trigger = 'schedule' and status <> 'running' group by 1 order by 1")).ToList();
            var logs = _first.Output + _second.Output;
            if (slots.Count > 0 && CountOf(logs, "already ran on another hub") + CountOf(logs, "уже выполняется") >= slots.Count)
            {
                return slots;
            }

            await Task.Delay(500);
        }

        throw new TimeoutException($"no scheduled run tried by both hubs:\n{_first.Output}\n{_second.Output}");
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "").Length) / part.Length;

    private static async Task<HttpClient> LoginAsync(HubProcess hub)
    {
        var client = new HttpClient { BaseAddress = new Uri(hub.BaseUrl), Timeout = TimeSpan.FromMinutes(5) };
        var login = await client.PostAsJsonAsync("/api/auth/login", new { login = "admin", password = TestHub.Password });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public async Task DisposeAsync()
    {
        await _first.DisposeAsync();
        await _second.DisposeAsync();
        TempDir.TryDelete(_dataDir);
        TempDir.TryDelete(_pluginsDir);
    }
}
