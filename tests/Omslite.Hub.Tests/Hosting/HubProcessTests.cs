using Dapper;
using Npgsql;
using Omslite.Hub.Tests.Infrastructure;

namespace Omslite.Hub.Tests.Hosting;

/// <summary>The real hub executable on its embedded PostgreSQL, started and stopped as an admin would.</summary>
public class HubProcessTests : IDisposable
{
    private readonly string _dataDir = TempDir.Create("hub");
    private readonly string _pluginsDir = TempDir.Create("plugins");

    private Dictionary<string, string?> Environment => new()
    {
        ["Omslite__DataDir"] = _dataDir,
        ["Omslite__PluginsDir"] = _pluginsDir,
    };

    [Fact]
    public async Task Health_reports_the_database_the_plugins_and_the_scheduler()
    {
        Directory.CreateDirectory(Path.Combine(_pluginsDir, "broken-one"));
        await File.WriteAllTextAsync(Path.Combine(_pluginsDir, "broken-one", "plugin.json"),
            """{ "id": "broken-one", "name": "B", "version": "0.1.0", "kind": "mis-connector", "sdk": "1.0", "assembly": "Missing.dll" }""");
        Directory.CreateDirectory(Path.Combine(_pluginsDir, "from-the-future"));
        await File.WriteAllTextAsync(Path.Combine(_pluginsDir, "from-the-future", "plugin.json"),
            """{ "id": "from-the-future", "name": "F", "version": "9.0.0", "kind": "region-format", "sdk": "2.0", "assembly": "F.dll" }""");

        await using var hub = await HubProcess.StartAsync(Environment);
        var health = await WaitForSchedulerAsync(hub);

        Assert.Equal("ok", health.GetProperty("status").GetString());
        Assert.True(health.GetProperty("database").GetProperty("reachable").GetBoolean());
        Assert.Equal(Omslite.Hub.WorkingDatabase.Migration.All[^1].Version, health.GetProperty("database").GetProperty("schemaVersion").GetInt32());
        var plugins = health.GetProperty("plugins").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!);
        Assert.Equal("broken", plugins["broken-one"].GetProperty("status").GetString());
        Assert.Contains("Missing.dll", plugins["broken-one"].GetProperty("error").GetString());
        Assert.Equal("incompatible", plugins["from-the-future"].GetProperty("status").GetString());
        Assert.Equal("region-format", plugins["from-the-future"].GetProperty("kind").GetString());
        Assert.True(health.GetProperty("scheduler").GetProperty("running").GetBoolean());
    }

    [Fact]
    public async Task Data_survives_a_kill_9_and_a_restart_and_a_clean_stop_stops_postgres()
    {
        await using (var first = await HubProcess.StartAsync(Environment))
        {
            await using var conn = new NpgsqlConnection(await EmbeddedConnectionStringAsync());
            await conn.ExecuteAsync("insert into mo (code, short_code, name, region, okato) values ('250796', '796', 'Выжившая МО', '25', '05000')");
            await first.KillHardAsync();
        }

        await using (var second = await HubProcess.StartAsync(Environment))
        {
            await using var conn = new NpgsqlConnection(await EmbeddedConnectionStringAsync());
            Assert.Equal("Выжившая МО", await conn.ExecuteScalarAsync<string>("select name from mo where code = '250796'"));
            Assert.Equal(0, await second.StopAsync());
            Assert.Contains("Embedded PostgreSQL stopped", second.Output);
        }

        Assert.False(File.Exists(Path.Combine(_dataDir, "pg", "postmaster.pid")), "postgres must be stopped with the hub");
    }

    [Fact]
    public async Task Serve_leaves_an_empty_database_empty_and_run_creates_the_demo()
    {
        await using (var served = await HubProcess.StartAsync(Environment))
        {
            await using var conn = new NpgsqlConnection(await EmbeddedConnectionStringAsync());
            Assert.Equal(0, await conn.ExecuteScalarAsync<int>("select count(*) from mo"));
        }

        await using var run = await HubProcess.StartAsync(Environment, verb: "run");
        await using var check = new NpgsqlConnection(await EmbeddedConnectionStringAsync());
        Assert.Equal("999", await check.ExecuteScalarAsync<string>("select short_code from mo where code = '250999'"));
        Assert.Contains("Omslite is running at " + run.BaseUrl, run.Output);
        Assert.Contains("Demo MO: 250999", run.Output);
    }

    [Fact]
    public async Task The_mo_settings_from_the_environment_seed_the_mo_record()
    {
        var environment = Environment;
        environment["Omslite__Mo__Code"] = "250796";
        environment["Omslite__Mo__Name"] = "Центр КТ";
        environment["Omslite__Mo__Okato"] = "05000";
        environment["Omslite__Mo__RegionFormat"] = "primorye-25";
        environment["Omslite__Mo__Lpu1"] = "25202607000001001";
        environment["Omslite__Mo__Plat"] = "25011";

        await using var hub = await HubProcess.StartAsync(environment);

        await using var conn = new NpgsqlConnection(await EmbeddedConnectionStringAsync());
        var mo = await conn.QuerySingleAsync<(string ShortCode, string Name, string Region, string RegionFormat, string Lpu1, string Plat)>(
            "select short_code, name, region, region_format, lpu_1, plat from mo where code = '250796'");
        Assert.Equal(("796", "Центр КТ", "25", "primorye-25", "25202607000001001", "25011"), mo);
    }

    private static async Task<System.Text.Json.JsonElement> WaitForSchedulerAsync(HubProcess hub)
    {
        for (var i = 0; i < 50; i++)
        {
            var health = await hub.GetHealthAsync();
            if (health.GetProperty("scheduler").GetProperty("running").GetBoolean())
            {
                return health;
            }

            await Task.Delay(200);
        }

        return await hub.GetHealthAsync();
    }

    /// <summary>The embedded server's address as the hub left it in its data directory.</summary>
    private async Task<string> EmbeddedConnectionStringAsync()
    {
        var pid = await File.ReadAllLinesAsync(Path.Combine(_dataDir, "pg", "postmaster.pid"));
        return new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = int.Parse(pid[3]),
            Username = "omslite",
            Password = (await File.ReadAllTextAsync(Path.Combine(_dataDir, "pg.password"))).Trim(),
            Database = "omslite",
            Pooling = false,
        }.ConnectionString;
    }

    public void Dispose()
    {
        TempDir.TryDelete(_dataDir);
        TempDir.TryDelete(_pluginsDir);
    }
}
