using System.Net;
using System.Net.Http.Json;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Omslite.Hub.Hosting;
using Omslite.Hub.Security;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.WorkingDatabase.Embedded;

namespace Omslite.Hub.Tests.Security;

/// <summary>The working database goes away under a running hub, then comes back on the same address.</summary>
public class DatabaseOutageTests : IAsyncLifetime
{
    private readonly string _pgDir = TempDir.Create("outage-pg");
    private readonly string _hubDir = TempDir.Create("outage-hub");
    private EmbeddedPostgres _server = null!;

    public async Task InitializeAsync() => _server = await EmbeddedPostgres.StartAsync(_pgDir, null, NullLogger.Instance);

    [Fact]
    public async Task Requests_fail_with_503_while_it_is_away_and_work_again_when_it_returns()
    {
        await using var hub = await HubApplication.StartAsync(new HubStartRequest("http://127.0.0.1:0", false), new Dictionary<string, string?>
        {
            ["ConnectionStrings:Working"] = _server.ConnectionString + ";Timeout=3;Pooling=true",
            ["Omslite:DataDir"] = _hubDir,
            ["Logging:LogLevel:Default"] = "Critical",
        }, default);
        var baseUrl = hub.Urls[0];
        await using (var conn = new NpgsqlConnection(_server.ConnectionString))
        {
            await conn.ExecuteAsync("insert into mo (code, short_code, name, region, okato) values ('250796', '796', 'МО', '25', '05000')");
        }

        await new UserAccounts(NpgsqlDataSource.Create(_server.ConnectionString)).AddAsync("test", "operator", Roles.Operator, TestHub.Password, [], default);
        using var anonymous = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var token = (await (await anonymous.PostAsJsonAsync("/api/auth/login", new { login = "operator", password = TestHub.Password })).JsonAsync()).GetProperty("token").GetString();
        using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        await PgCtlAsync("stop", "-m", "immediate");
        var whileAway = await client.GetAsync("/api/patients");
        var healthAway = await anonymous.GetAsync("/health");
        await PgCtlAsync("start", "-w", "-o", $"-p {_server.Port} -h 127.0.0.1 -c unix_socket_directories=''", "-l", Path.Combine(_server.ClusterDir, "server.log"));
        NpgsqlConnection.ClearAllPools();
        HttpResponseMessage back = whileAway;
        for (var i = 0; i < 20 && back.StatusCode != HttpStatusCode.OK; i++)
        {
            await Task.Delay(250);
            back = await client.GetAsync("/api/patients");
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, whileAway.StatusCode);
        Assert.Equal("База данных недоступна. Повторите попытку через минуту.", (await whileAway.JsonAsync()).GetProperty("message").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, healthAway.StatusCode);
        Assert.Equal(HttpStatusCode.OK, back.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);
    }

    private async Task PgCtlAsync(params string[] args)
    {
        var binaries = await PostgresBinaries.LocateAsync(default);
        var result = await new ProcessRunner(TestPostgres.ServerUser()).RunAsync(binaries.PgCtl, [args[0], "-D", _server.ClusterDir, .. args[1..]], TimeSpan.FromSeconds(60), default);
        Assert.True(result.Succeeded, result.Output);
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        TempDir.TryDelete(_pgDir);
        TempDir.TryDelete(_hubDir);
    }
}
