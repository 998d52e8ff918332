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
