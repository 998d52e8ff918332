using System.Net;
using System.Net.Sockets;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Omslite.Hub.Tests.Infrastructure;
using Omslite.Hub.WorkingDatabase.Embedded;

namespace Omslite.Hub.Tests.WorkingDatabase;

public class EmbeddedPostgresTests : IDisposable
{
    private readonly string _dataDir = TempDir.Create("embedded");

    [Fact]
    public void The_server_port_is_never_one_the_hub_is_about_to_listen_on()
    {
        // Every port is "the hub's" but 200 that the kernel has just handed out (so it hands them out here): the port
        // taken must be one of those.
        var probes = Enumerable.Range(0, 200).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        probes.ForEach(probe => probe.Start());
        var handedOut = probes.Select(probe => ((IPEndPoint)probe.LocalEndpoint).Port).ToHashSet();
        probes.ForEach(probe => probe.Dispose());
        var hubPorts = Enumerable.Range(1, 65535).Where(port => !handedOut.Contains(port)).ToHashSet();

        var port = EmbeddedPostgres.FreePort(hubPorts);

        Assert.Contains(port, handedOut);
    }

    [Fact]
    public async Task Creates_the_cluster_keeps_data_across_restarts_and_stops_when_released()
    {
        string firstConnection;
        await using (var first = await EmbeddedPostgres.StartAsync(_dataDir, null, NullLogger.Instance))
        {
            firstConnection = first.ConnectionString;
            await using var conn = new NpgsqlConnection(first.ConnectionString);
            await conn.ExecuteAsync("create table kept (v text); insert into kept values ('Иванов')");
            Assert.Equal("UTF8", await conn.ExecuteScalarAsync<string>("show server_encoding"));
        }

        Assert.False(await IsServerRunningAsync(), "the server must stop when its only user releases it");
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var conn = new NpgsqlConnection(firstConnection + ";Pooling=false;Timeout=3");
            await conn.OpenAsync();
        });

        await using var second = await EmbeddedPostgres.StartAsync(_dataDir, null, NullLogger.Instance);
        await using var again = new NpgsqlConnection(second.ConnectionString);
        Assert.Equal("Иванов", await again.ExecuteScalarAsync<string>("select v from kept"));
    }

    [Fact]
    public async Task Stays_up_while_another_user_holds_it()
    {
        var hub = await EmbeddedPostgres.StartAsync(_dataDir, null, NullLogger.Instance);
        var cliVerb = await EmbeddedPostgres.StartAsync(_dataDir, null, NullLogger.Instance);
        Assert.Equal(hub.Port, cliVerb.Port);

        await cliVerb.DisposeAsync();
        Assert.True(await IsServerRunningAsync());

        await hub.DisposeAsync();
        Assert.False(await IsServerRunningAsync());
    }

    [Fact]
    public async Task Listens_only_on_loopback_with_a_password()
    {
        await using var server = await EmbeddedPostgres.StartAsync(_dataDir, null, NullLogger.Instance);
        var noPassword = new NpgsqlConnectionStringBuilder(server.ConnectionString) { Password = "wrong", Pooling = false };

        await Assert.ThrowsAsync<PostgresException>(async () =>
        {
            await using var conn = new NpgsqlConnection(noPassword.ConnectionString);
            await conn.OpenAsync();
        });
        await using var ok = new NpgsqlConnection(server.ConnectionString);
        Assert.Equal("127.0.0.1", await ok.ExecuteScalarAsync<string>("show listen_addresses"));
    }

    [Fact]
    public async Task Missing_server_programs_name_the_package_to_install()
    {
        var empty = TempDir.Create("nobin");

        var ex = await Assert.ThrowsAsync<EmbeddedPostgresException>(() => PostgresBinaries.LocateAsync([empty], default));

        Assert.Contains("apt-get install -y postgresql", ex.Message);
        Assert.Contains("ConnectionStrings__Working", ex.Message);
        TempDir.TryDelete(empty);
    }

    private async Task<bool> IsServerRunningAsync()
    {
        var binaries = await PostgresBinaries.LocateAsync(default);
        var runner = new ProcessRunner(TestPostgres.ServerUser());
        var status = await runner.RunAsync(binaries.PgCtl, ["status", "-D", Path.Combine(_dataDir, "pg")], TimeSpan.FromSeconds(30), default);
        return status.Succeeded;
    }

    public void Dispose() => TempDir.TryDelete(_dataDir);
}
